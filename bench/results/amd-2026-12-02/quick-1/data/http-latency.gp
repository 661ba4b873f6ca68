set terminal pngcairo size 1000,560 font "DejaVu Sans,11"
set output 'http-latency.png'
set xtics rotate by -25 offset -1,0
set bmargin 6
set title "Latency under the same load (median of rounds)"
set style data histogram
set style histogram clustered gap 2
set style fill solid 0.75 border -1
set logscale y
set ylabel "milliseconds (log scale)"
set grid ytics
set key top left
plot 'data/http.dat' using 6:xtic(1) title "p50" lc rgb "#4878a8", '' using 7 title "p99" lc rgb "#d08040"
