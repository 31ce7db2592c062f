# 時刻（app/src/ui/clock/words.rs）。形ごとに一つのメッセージで、小さいものを参照する。引数は数値
# （year, month, day, hour, hour12）。minute は「05」のような文字列、half は "am" か "pm"。
time-of-day = { $hour }:{ $minute }
time-yesterday-at = 昨日 { time-of-day }
time-on-date = { date-this-year } { time-of-day }
time-on-date-with-year = { date-with-year } { time-of-day }
month-short = { $month }月
date-this-year = { $month }月{ $day }日
date-with-year = { $year }年{ $month }月{ $day }日
ago-now = たった今
ago-minutes = { $n }分前
ago-hours = { $n }時間前
ago-yesterday = 昨日
ago-days = { $n }日前
