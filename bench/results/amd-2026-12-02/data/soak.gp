set terminal pngcairo size 1000,560 font "DejaVu Sans,11"
set output 'soak.png'
set title "Soak: heap after a full GC and operations per second, minute by minute"
set xlabel "minute"
set ylabel "heap after GC, MiB"
set y2label "operations per second"
set yrange [0:*]
set y2range [0:*]
set ytics nomirror
set y2tics
set grid
set key bottom right
plot 'data/soak.dat' using 1:2 with linespoints lw 2 pt 7 title "heap after GC (MiB)", \
     '' using 1:3 axes x1y2 with linespoints lw 2 pt 5 dt 2 title "operations/s"
