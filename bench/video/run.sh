#!/usr/bin/env bash
# Video transcoding benchmark: makes a test clip with ffmpeg (1080p test pattern with a tone) and transcodes it the way
# the Worker does (CourseHub.Worker/Features/Video/HlsLadder.cs: H.264 Main/AAC, keyframes every segment, HLS VOD, one
# ffmpeg per rendition, one rendition after another), reporting each rendition's and the whole ladder's speed as a
# multiple of real time. With API_URL, TOKEN, COURSE and LESSON (a teacher's access token and one of their video
# lessons) it also uploads the clip to the running system and reports the time from upload finished to playable.
# A benchmark, not a test: it asserts nothing.
set -euo pipefail

DURATION="${DURATION:-60}"      # seconds of clip
HEIGHT="${HEIGHT:-1080}"        # source height (16:9)
LADDER="${LADDER:-360,720,1080}"
PRESET="${PRESET:-veryfast}"
SEGMENT="${SEGMENT:-4}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
width=$(( HEIGHT * 16 / 9 / 2 * 2 ))

echo "Making a ${DURATION} s ${width}x${HEIGHT} clip…"
ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "testsrc2=size=${width}x${HEIGHT}:rate=30:duration=${DURATION}" \
  -f lavfi -i "sine=frequency=440:duration=${DURATION}" -c:v libx264 -preset ultrafast -crf 18 -pix_fmt yuv420p -c:a aac -shortest "$work/source.mp4"

now() { date +%s.%N; }
calc() { awk "BEGIN { print $1 }"; }
total_start=$(now)
results=()
IFS=',' read -ra heights <<< "$LADDER"
for h in "${heights[@]}"; do
  [ "$h" -le "$HEIGHT" ] || continue
  w=$(( width * h / HEIGHT / 2 * 2 ))
  kbps=$(( h * h / 200 > 200 ? h * h / 200 : 200 ))
  mkdir -p "$work/hls/${h}p"
  start=$(now)
  ffmpeg -hide_banner -loglevel error -nostdin -y -i "$work/source.mp4" -map 0:v:0 -vf "scale=${w}:${h}" -c:v libx264 -preset "$PRESET" \
    -profile:v main -level:v 4.0 -pix_fmt yuv420p -b:v "${kbps}k" -maxrate "${kbps}k" -bufsize "$(( kbps * 2 ))k" \
    -force_key_frames "expr:gte(t,n_forced*${SEGMENT})" -sc_threshold 0 -map 0:a:0 -c:a aac -b:a 128k -ac 2 -ar 48000 \
    -f hls -hls_time "$SEGMENT" -hls_playlist_type vod -hls_segment_filename "$work/hls/${h}p/seg_%05d.ts" "$work/hls/${h}p/index.m3u8"
  seconds=$(calc "$(now) - $start")
  speed=$(calc "$DURATION / $seconds")
  printf '%6sp  %6.1f s  %5.2fx real time\n' "$h" "$seconds" "$speed"
  results+=("\"${h}p\": $(printf '%.2f' "$speed")")
done
total=$(calc "$(now) - $total_start")
ladder_speed=$(calc "$DURATION / $total")
printf 'ladder  %6.1f s  %5.2fx real time (%s, preset %s, %s cores)\n' "$total" "$ladder_speed" "$LADDER" "$PRESET" "$(nproc)"

playable=null
if [ -n "${API_URL:-}" ] && [ -n "${TOKEN:-}" ] && [ -n "${COURSE:-}" ] && [ -n "${LESSON:-}" ]; then
  lesson="$API_URL/api/teach/courses/$COURSE/lessons/$LESSON"
  curl -sf -X PUT -H "Authorization: Bearer $TOKEN" -F "file=@$work/source.mp4;type=video/mp4" "$lesson/video" >/dev/null
  uploaded=$(now)
  while :; do
    status=$(curl -sf -H "Authorization: Bearer $TOKEN" "$lesson/video/processing" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
    [ "$status" = ready ] && break
    [ "$status" = failed ] && { echo "processing failed" >&2; exit 1; }
    sleep 1
  done
  playable=$(calc "$(now) - $uploaded")
  printf 'upload finished to playable: %.1f s\n' "$playable"
fi

mkdir -p "$here/results"
printf '{"at":"%s","durationSeconds":%s,"sourceHeight":%s,"preset":"%s","cores":%s,"ladderSeconds":%.1f,"ladderSpeed":%.2f,"renditions":{%s},"uploadToPlayableSeconds":%s}\n' \
  "$(date -u +%FT%TZ)" "$DURATION" "$HEIGHT" "$PRESET" "$(nproc)" "$total" "$ladder_speed" "$(IFS=,; echo "${results[*]}")" "$playable" \
  >> "$here/results/$(date -u +%Y%m%dT%H%M%SZ).json"
