set terminal pngcairo size 1000,560 font "DejaVu Sans,11"
set output 'http-cpu.png'
set xtics rotate by -25 offset -1,0
set bmargin 6
set title "Server CPU per request (median of rounds; bars: range over rounds)"
set style data histogram
set style histogram errorbars gap 2 lw 1.5
set style fill solid 0.75 border -1
set boxwidth 0.8
set yrange [0:*]
set ylabel "CPU microseconds per request"
set grid ytics
set key off
plot 'data/http.dat' using 8:9:10:xtic(1) lc rgb "#58a058", \
     '' using 0:($10+1.5):(sprintf("%.1f", $8)) with labels font ",11"
