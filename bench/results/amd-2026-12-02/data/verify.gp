set terminal pngcairo size 900,520 font "DejaVu Sans,11"
set output 'verify.png'
set title "Access-token verification (JMH, average; log scale)"
set xtics rotate by -15
set style data histogram
set style histogram errorbars gap 2 lw 1.5
set style fill solid 0.75 border -1
set logscale y
set ylabel "microseconds per token"
set grid ytics
set key off
plot 'data/verify.dat' using 2:3:xtic(1) lc rgb "#4878a8", '' using 0:($2*1.4):(sprintf("%.2f", $2)) with labels
