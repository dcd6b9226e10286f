#!/usr/bin/env bash
# Benchmark: builds generated sites of 1,000, 10,000 and 100,000 incidents and reports wall
# time, CPU time, peak memory and files written for each (a build that replaces the previous
# output, as on a developer's machine), the wall time of a build into an empty folder (as in CI,
# from a clean clone), and for sites up to 10,000 incidents what `serve` takes to rebuild after
# one incident is edited (examples/rebuild.rs: a cached rebuild, checked equal to a full
# build). Each figure is the median of several runs (RUNS, default 5; 3 at 100,000), since a
# shared machine's timings vary from run to run. Sizes can be given as arguments.
#   bash benches/build.sh            # 1000 10000 100000
#   bash benches/build.sh 10000      # one size
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
work=${BENCH_DIR:-$(mktemp -d)}
cargo build --release --quiet --bin statusforge --example gen_site --example rebuild
bin=target/release/statusforge
printf '%-10s %10s %10s %12s %10s %10s %12s\n' incidents wall_s cpu_s peak_rss_mb files fresh_s rebuild_ms
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  target/release/examples/gen_site "$site" --incidents "$n" --components 10 --seed 7 2>/dev/null
  rm -rf "$site/public"
  # Warm the page cache once so the figure measures statusforge, not the disk.
  "$bin" build --source "$site" --output "$site/public" --now 2026-11-25T12:00:00Z --quiet
  runs=${RUNS:-5}
  [ "$n" -lt 100000 ] || runs=${RUNS:-3}
  : > "$work/time-$n"
  : > "$work/fresh-$n"
  for _ in $(seq "$runs"); do
    /usr/bin/time -a -f '%e %U %S %M' -o "$work/time-$n" \
      "$bin" build --source "$site" --output "$site/public" --now 2026-11-25T12:00:00Z --quiet
    rm -rf "$site/fresh"
    /usr/bin/time -a -f '%e' -o "$work/fresh-$n" \
      "$bin" build --source "$site" --output "$site/fresh" --now 2026-11-25T12:00:00Z --quiet
    rm -rf "$site/fresh"
  done
  median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
  wall=$(awk '{print $1}' "$work/time-$n" | median)
  cpu=$(awk '{print $2 + $3}' "$work/time-$n" | median)
  rss=$(awk '{print $4}' "$work/time-$n" | sort -n | tail -1)
  fresh=$(median < "$work/fresh-$n")
  files=$(find "$site/public" -type f | wc -l)
  rebuild=-
  if [ "$n" -le 10000 ]; then
    rebuild=$(target/release/examples/rebuild "$site" 2>&1 | awk '/rebuild after edit/{print $4}')
  fi
  printf '%-10s %10s %10.2f %12.1f %10s %10s %12s\n' "$n" "$wall" "$cpu" "$(echo "$rss / 1024" | bc -l)" "$files" "$fresh" "$rebuild"
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
