# Times (app/src/ui/clock/words.rs). One message per shape of time, which refers to the
# smaller ones: a page formats two times per message, so each is a single lookup. Arguments are
# numbers (year, month, day, hour, hour12), except minute ("05") and half ("am" or "pm").
time-of-day = { $hour12 }:{ $minute } { $half ->
    [am] AM
   *[pm] PM
}
time-yesterday-at = Yesterday { time-of-day }
time-on-date = { date-this-year }, { time-of-day }
time-on-date-with-year = { date-with-year }, { time-of-day }
month-short = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}
date-this-year = { month-short } { $day }
date-with-year = { month-short } { $day }, { $year }
ago-now = just now
ago-minutes = { $n ->
    [one] { $n } minute ago
   *[other] { $n } minutes ago
}
ago-hours = { $n ->
    [one] { $n } hour ago
   *[other] { $n } hours ago
}
ago-yesterday = yesterday
ago-days = { $n } days ago
