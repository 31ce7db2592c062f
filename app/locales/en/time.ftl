# Times (app/src/ui/clock.rs). Arguments are numbers, except minute ("05"), half (AM/PM) and
# month_name (month-short's text).
time-am = AM
time-pm = PM
time-of-day = { $hour12 }:{ $minute } { $half }
time-yesterday-at = Yesterday { $time }
time-date-at = { $date }, { $time }
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
date-this-year = { $month_name } { $day }
date-with-year = { $month_name } { $day }, { $year }
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
