# 時刻（app/src/ui/clock.rs）。引数は数値。minute は「05」のような文字列、half は午前／午後。
time-am = 午前
time-pm = 午後
time-of-day = { $hour }:{ $minute }
time-yesterday-at = 昨日 { $time }
time-date-at = { $date } { $time }
month-short = { $month }月
date-this-year = { $month }月{ $day }日
date-with-year = { $year }年{ $month }月{ $day }日
ago-now = たった今
ago-minutes = { $n }分前
ago-hours = { $n }時間前
ago-yesterday = 昨日
ago-days = { $n }日前
