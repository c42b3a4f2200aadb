# The statements of a PostgreSQL script that can break a release already running on the schema, for
# check-migrations.sh: one line each, "<line>\t<what it does>\t<the statement, shortened>". POSIX awk (gawk, mawk).
#   awk -v api_role=<the running release's database role> -f breaking-statements.awk <file.sql>
# Comments (-- and nested /* */), string literals ('...', E'...') and quoted identifiers are read past, so their words
# count for nothing; statements may span lines. Dollar-quoted bodies ($$ ... $$) are read as SQL, since a DO block or
# a function runs them. Refused: every DROP but DROP NOT NULL (an index too: ON CONFLICT may need it), every RENAME,
# a column's type change, SET NOT NULL, a NOT NULL column added without a default, REVOKE from the Api's role or
# PUBLIC, and NOLOGIN for the Api's role.

BEGIN { state = "code"; reset(); if (api_role == "") api_role = "orders_api" }

function reset() { clean = ""; raw = ""; started = 0; first_line = 0 }

function keep(cleaned, original) {
    clean = clean cleaned
    if (started) raw = raw original
}

function words(text,    w) {
    w = toupper(text)
    gsub(/[^A-Z0-9_$]+/, " ", w)
    return " " w " "
}

function shortened(text) {
    gsub(/[ \t\r\n]+/, " ", text)
    sub(/^ /, "", text); sub(/ $/, "", text)
    return length(text) > 120 ? substr(text, 1, 117) "..." : text
}

function report(what) { printf "%d\t%s\t%s;\n", first_line, what, shortened(raw) }

# a clause of ALTER TABLE that adds a column NOT NULL with no default: the running release's inserts leave it out
function adds_required_column(statement,    i, ch, depth, clause, n) {
    depth = 0; clause = ""; n = length(statement)
    for (i = 1; i <= n + 1; i++) {
        ch = i <= n ? substr(statement, i, 1) : ","
        if (ch == "(") depth++
        else if (ch == ")") depth--
        if (ch == "," && depth <= 0) {
            clause = words(clause)
            if (clause ~ / ADD / && clause !~ / ADD (CONSTRAINT|PRIMARY|UNIQUE|FOREIGN|CHECK|EXCLUDE) / &&
                clause ~ / NOT NULL / && clause !~ / (DEFAULT|GENERATED|SERIAL|BIGSERIAL|SMALLSERIAL) /) return 1
            clause = ""
        } else clause = clause ch
    }
    return 0
}

# REVOKE ... FROM <grantees>: the running release's role, or PUBLIC, among them
function revokes_from_api(w,    rest, k) {
    rest = w
    while ((k = index(rest, " FROM ")) > 0) rest = substr(rest, k + 5)
    return index(rest, " PUBLIC ") > 0 || index(rest, " " toupper(api_role) " ") > 0
}

function judge(    w, rest, k) {
    if (!started) { reset(); return }
    w = words(clean)
    rest = w
    while ((k = index(rest, " DROP ")) > 0) {
        rest = substr(rest, k + 5)
        if (substr(rest, 1, 10) != " NOT NULL ") { report("drops what the running release may still use"); reset(); return }
    }
    if (w ~ / RENAME /) report("renames what the running release may still use")
    else if (w ~ / ALTER (COLUMN )?[A-Z0-9_$]+ (SET DATA )?TYPE /) report("changes a column's type under the running release")
    else if (w ~ / SET NOT NULL /) report("makes a column NOT NULL, which the running release may leave empty")
    else if (w ~ / REVOKE / && revokes_from_api(w)) report("takes away a privilege of " api_role " or PUBLIC, which the running release may use")
    else if (w ~ (" ALTER (ROLE|USER) " toupper(api_role) " .*NOLOGIN ")) report("stops " api_role ", the running release's role, from logging in")
    else if (w ~ / ALTER TABLE / && adds_required_column(toupper(clean)))
        report("adds a NOT NULL column without a default, which the running release's inserts leave out")
    reset()
}

{
    sub(/\r$/, "")
    line = $0 "\n"
    n = length(line)
    for (i = 1; i <= n; i++) {
        c = substr(line, i, 1)
        next_c = substr(line, i + 1, 1)
        blank = c == "\n" ? "\n" : " "
        if (state == "code") {
            if (c == "-" && next_c == "-") { state = "line comment"; keep(" ", c) }
            else if (c == "/" && next_c == "*") { state = "block comment"; depth = 1; keep("  ", "/*"); i++ }
            else if (c == ";") judge()
            else {
                if (!started && c !~ /[ \t\n]/) { started = 1; first_line = NR }
                if (c == "'") {
                    state = "string"
                    # E'...' takes backslash escapes; the E must be a word of its own, not the end of a name
                    escapes = previous ~ /[Ee]/ && before_previous !~ /[A-Za-z0-9_$]/
                }
                else if (c == "\"") state = "identifier"
                keep(c, c)
            }
        } else if (state == "line comment") {
            if (c == "\n") state = "code"
            keep(blank, c)
        } else if (state == "block comment") {
            if (c == "/" && next_c == "*") { depth++; keep("  ", "/*"); i++ }
            else if (c == "*" && next_c == "/") { depth--; keep("  ", "*/"); i++; if (depth == 0) state = "code" }
            else keep(blank, c)
        } else if (state == "string") {
            if (escapes && c == "\\") { keep(" " (next_c == "\n" ? "\n" : " "), c next_c); i++ }
            else if (c == "'" && next_c == "'") { keep("  ", "''"); i++ }
            else if (c == "'") { state = "code"; keep(c, c) }
            else keep(blank, c)
        } else if (state == "identifier") {
            if (c == "\"" && next_c == "\"") { keep("xx", "\"\""); i++ }
            else if (c == "\"") { state = "code"; keep(c, c) }
            else keep(c == "\n" ? "\n" : "x", c)
        }
        before_previous = previous
        previous = substr(line, i, 1)
    }
}

END { judge() }
