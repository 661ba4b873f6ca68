set terminal pngcairo size 900,520 font "DejaVu Sans,11"
set output 'revocation.png'
set title "Revocation check per request (JMH, average; bars: 99.9% error)"
set logscale x
set xrange [500:2000000]
set xtics ("10^3" 1000, "10^5" 100000, "10^6" 1000000)
set xlabel "revoked ids in the view"
set ylabel "nanoseconds per check"
set yrange [0:*]
set grid
set key top left
plot 'data/revocation.dat' using 1:2:3 with yerrorlines lw 2 pt 7 title "valid token", \
     '' using 1:4:5 with yerrorlines lw 2 pt 5 title "token of a revoked session", \
     '' using 1:6:7 with yerrorlines lw 2 pt 9 dt 2 title "valid token, out of cache (upper bound)", \
     100 with lines dt 2 lw 2 lc rgb "#c03030" title "target: 100 ns"
