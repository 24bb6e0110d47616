# Turns the services' JSON log lines (Quarkus JSON logging, one object per line) into one readable line
# each, with the exception chain underneath; any other line is printed as it is. POSIX awk (mawk works).
# Used by ./liveloop for `logs <component>` and for the log tail it prints when a component fails.

function field(s, name,    re, start) {
  re = "\"" name "\":\"([^\"\\\\]|\\\\.)*\""
  if (!match(s, re)) return ""
  start = RSTART + length(name) + 4
  return substr(s, start, RLENGTH - length(name) - 5)
}

function unescape(s) {
  gsub(/\\n/, " ", s)
  gsub(/\\t/, " ", s)
  gsub(/\\"/, "\"", s)
  gsub(/\\\\/, "\\", s)
  gsub(/  +/, " ", s)
  return s
}

function shorten(s, n) {
  return length(s) > n ? substr(s, 1, n) "..." : s
}

{
  line = $0
  if (substr(line, 1, 1) != "{" || index(line, "\"level\":") == 0) {
    print line
    fflush()
    next
  }
  ts = field(line, "timestamp")
  if (match(ts, /T[0-9:]+/)) ts = substr(ts, RSTART + 1, RLENGTH - 1)
  level = field(line, "level")
  logger = field(line, "loggerName")
  n = split(logger, parts, ".")
  logger = parts[n]
  rid = field(line, "requestId")
  # the log message is the first "message" before any "exception"
  head = line
  cut = index(line, "\"exception\":")
  if (cut > 0) head = substr(line, 1, cut - 1)
  msg = unescape(field(head, "message"))
  printf "%s %-5s [%s]%s %s\n", ts, level, logger, (rid != "" ? " " rid : ""), msg
  # exception chain: every exceptionType with the message right after it
  rest = (cut > 0) ? substr(line, cut) : ""
  first = 1
  while (match(rest, /"exceptionType":"([^"\\]|\\.)*"/)) {
    type = substr(rest, RSTART + 17, RLENGTH - 18)
    rest = substr(rest, RSTART + RLENGTH)
    emsg = ""
    if (substr(rest, 1, 12) == ",\"message\":\"") emsg = unescape(field(rest, "message"))
    printf "    %s%s%s\n", (first ? "" : "caused by "), type, (emsg != "" ? ": " shorten(emsg, 300) : "")
    first = 0
  }
  fflush()
}
