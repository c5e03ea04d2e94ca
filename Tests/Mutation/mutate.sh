#!/usr/bin/env bash
# Mutation testing of the checks. Every line of mutants.tsv is one single edit of a reference solution (an
# off-by-one bound, a flipped sign or comparison, a dropped term, a wrong constant). For each, a copy of the reference
# workspace gets that edit and is graded by `exercises grade`, as a submission; the mutant is killed when it loses a
# point. Survivors are listed at the end. The reference itself is graded first and must score full marks.
#
# Usage: Tests/Mutation/mutate.sh [WORD]   (only mutants whose file or description contains WORD)
# Needs bash and perl (both in every Debian/Ubuntu/macOS base system). About 5 s per mutant once built.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
swift build --product exercises >/dev/null
exe="$root/.build/debug/exercises"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scratch="$work/scratch"
filter=${1:-}

# Prints "SCORE MAXIMUM FAILED-TESTS" for a results.json.
summarise() {
    perl -MJSON::PP -0777 -ne '
        binmode STDOUT, ":utf8"; my $r = decode_json($_); my ($max, @lost) = (0);
        for my $t (@{$r->{tests}}) { $max += $t->{max_score}; push @lost, $t->{name} if $t->{score} < $t->{max_score} }
        print "$r->{score} $max ", join(" | ", @lost), "\n";' "$1"
}

grade() {
    "$exe" grade --submission "$1" --results "$work/results.json" --scratch "$scratch" --timeout 20 >/dev/null
    summarise "$work/results.json"
}

started=$(date +%s)
mkdir -p "$work/reference/Exercises"
cp -R "$root/Exercises/Workspace" "$work/reference/Exercises/"
read -r score maximum lost < <(grade "$work/reference/Exercises")
if [[ "$score" != "$maximum" ]]; then
    echo "the reference scores $score of $maximum: $lost" >&2
    exit 1
fi
echo "reference: $score of $maximum points"

total=0
killed=0
survivors=()
while IFS=$'\t' read -r file old new what; do
    [[ -z "$file" || "$file" == \#* ]] && continue
    [[ -n "$filter" && "$file $what" != *"$filter"* ]] && continue
    total=$((total + 1))
    submission="$work/mutant-$total/Exercises"
    mkdir -p "$submission"
    cp -R "$root/Exercises/Workspace" "$submission/"
    OLD="$old" NEW="$new" perl -0777 -pi -e '
        sub unescape { my $s = shift; $s =~ s/\\(n|t|\\)/$1 eq "n" ? "\n" : $1 eq "t" ? "\t" : "\\"/ge; $s }
        BEGIN { ($o, $n) = (unescape($ENV{OLD}), unescape($ENV{NEW})) }
        my $count = () = /\Q$o\E/g;
        die "mutant does not apply once ($count times): $ENV{OLD}\n" unless $count == 1;
        s/\Q$o\E/$n/;' "$submission/Workspace/$file"
    read -r score maximum lost < <(grade "$submission")
    if [[ "$score" == "$maximum" ]]; then
        survivors+=("$file: $what")
        printf 'SURVIVED %-24s %s\n' "$file" "$what"
    else
        killed=$((killed + 1))
        printf 'killed   %-24s %-40s %s/%s, lost: %s\n' "$file" "$what" "$score" "$maximum" "${lost:0:160}"
    fi
    rm -rf "$work/mutant-$total"
done < "$here/mutants.tsv"

elapsed=$(( $(date +%s) - started ))
echo
echo "killed $killed of $total mutants ($(( total == 0 ? 0 : 100 * killed / total ))%) in ${elapsed} s"
for survivor in "${survivors[@]}"; do echo "  survivor: $survivor"; done
(( total > 0 && 10 * killed >= 9 * total ))
