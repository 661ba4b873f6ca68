set terminal pngcairo size 1000,560 font "DejaVu Sans,11"
set output 'http-throughput.png'
set xtics rotate by -25 offset -1,0
set bmargin 6
set title "Requests per second, same servlet (median of rounds; bars: range; label: ratio to bare)"
set style data histogram
set style histogram errorbars gap 2 lw 1.5
set style fill solid 0.75 border -1
set boxwidth 0.8
set yrange [0:*]
set ylabel "requests per second"
set grid ytics
set key off
plot 'data/http.dat' using 2:3:4:xtic(1) lc rgb "#4878a8", \
     '' using 0:($2*1.06):(sprintf("%.2fx", $5)) with labels font ",11"
