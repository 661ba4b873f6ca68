set terminal pngcairo size 1200,520 font "DejaVu Sans,11"
set output 'lifecycle.png'
set multiplot layout 1,2 title "Logout and refresh against the executable war (closed loop)"
set logscale x
set xtics (1, 8, 50)
set xrange [0.8:64]
set xlabel "concurrent clients"
set grid
set key top left
set title "throughput"
set ylabel "requests per second"
set yrange [0:*]
plot 'data/lifecycle.dat' using 1:2 with linespoints lw 2 pt 7 title "H2 logout", \
     '' using 1:3 with linespoints lw 2 pt 5 title "H2 refresh", \
     '' using 1:4 with linespoints lw 2 pt 7 dt 2 title "PostgreSQL logout", \
     '' using 1:5 with linespoints lw 2 pt 5 dt 2 title "PostgreSQL refresh"
set title "p99 latency"
set ylabel "milliseconds (log scale)"
set logscale y
set yrange [1:*]
plot 'data/lifecycle.dat' using 1:6 with linespoints lw 2 pt 7 title "H2 logout", \
     '' using 1:7 with linespoints lw 2 pt 5 title "H2 refresh", \
     '' using 1:8 with linespoints lw 2 pt 7 dt 2 title "PostgreSQL logout", \
     '' using 1:9 with linespoints lw 2 pt 5 dt 2 title "PostgreSQL refresh", \
     10 with lines dt 3 lw 2 lc rgb "#c03030" title "target: logout p99 10 ms"
unset multiplot
