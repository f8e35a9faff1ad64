#!/usr/bin/env python3
"""Recompute a published CompetitionHub result from its public export and report every difference.

Usage:  python3 tools/verify-results.py EXPORT.json        (or "-" to read standard input)

The export is what anyone can download beside a published version ("公开数据", .../results/versions/N/export.json):
the ranking as published, the rules it was computed under, the lot draws it used, and every judge's sheet with the
judge replaced by a seat number. This script uses nothing else. It recomputes, per the stated rules:

  1. each entry's own score from its judges' totals (Mean, TrimmedMean, Median exactly, with fractions; ZScore in
     IEEE double in the published order of operations, then the shortest decimal that reads back as that double);
     with judge groups, each group's score by the method over the totals of its seats, weighted by the groups that
     scored the entry (seats in no group do not count); with the trimmed-mean fallback "Refuse", an entry with fewer
     totals than trimming needs gets no score (and in a weighted round, a refused earlier score counts as missing);
  1b. with a public jury (人气分), the own score mixed from the judges' score and the public jury score, votes ÷ the
     round's most votes × the stated full marks, from the vote counts in the export (earlier rounds' too);
  2. the weighting with earlier rounds (their sheets are in the export too), unrounded;
  3. the one rounding: to hundredths, half up;
  4. the ranks: highest first, equal scores through the tie-breakers in order (criterion score, most top scores,
     untrimmed mean of all totals, earlier submission, lot draw re-run from its published seed, the published panel
     decision), still-equal entries share the rank (1, 2, 2, 4);

and compares every published score, rank, tie flag, judge count, judge-group part, public jury part, deciding
tie-breaker and every unranked entry with its reason. It prints each mismatch and
exits 1 if there is any, 0 if everything matches, 2 if the file cannot be read. Python 3.8+, standard library only.
"""

import json
import math
import re
import sys
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction

MASK64 = (1 << 64) - 1
LOT_DRAW_ALGORITHM = "SplitMix64 + Fisher–Yates"


# ---- arithmetic ------------------------------------------------------------------------------------------------------

def round_half_up(value):
    """The one rounding: a Fraction of hundredths to whole hundredths, half up (scores are never negative)."""
    floor = value.numerator // value.denominator
    rest = value - floor
    return floor + 1 if rest >= Fraction(1, 2) else floor


def aggregate(totals, method, trim_min, trim_count):
    """(score in hundredths as a Fraction, judges counted, totals dropped) of one entry's totals."""
    if not totals:
        return Fraction(0), 0, 0
    ordered = sorted(totals)
    n = len(ordered)
    if method == "TrimmedMean":
        k = max(1, trim_count)
        if n >= max(2 * k + 1, trim_min):
            kept = ordered[k:n - k]
            return Fraction(sum(kept), len(kept)), len(kept), 2 * k
        return Fraction(sum(ordered), n), n, 0
    if method == "Median":
        mid = n // 2
        median = Fraction(ordered[mid]) if n % 2 == 1 else Fraction(ordered[mid - 1] + ordered[mid], 2)
        return median, n, 0
    return Fraction(sum(ordered), n), n, 0


def seq_sum(values):
    """Left-to-right float sum (Python's sum() compensates since 3.12; the published arithmetic does not)."""
    total = 0.0
    for v in values:
        total += v
    return total


def mean_and_sd(values):
    mean = seq_sum(values) / len(values)
    variance = seq_sum([(v - mean) * (v - mean) for v in values]) / len(values)
    return mean, math.sqrt(variance)


def shortest_decimal(x):
    """A double as the shortest decimal that reads back as the same double (how the published computation leaves floating point)."""
    return Fraction(Decimal(repr(x)))


def too_few_to_trim(method, trim_min, trim_count, fallback, count):
    """TrimmedMean with the fallback "Refuse" and fewer totals than trimming needs: no score (评委人数不足)."""
    return method == "TrimmedMean" and fallback == "Refuse" and count < max(2 * max(1, trim_count) + 1, trim_min)


def score_entry(sheets, method, trim_min, trim_count, fallback, groups):
    """One entry's own score by Mean, TrimmedMean or Median: ((Fraction, counted, dropped) or None, group parts, reason).

    Group parts are (group number, weight, Fraction or None, counted, dropped) in group order; reason is why there is no
    score (TooFewJudges, NoGroupedJudge) or None."""
    if not groups:
        totals = [s["totalHundredths"] for s in sheets]
        if too_few_to_trim(method, trim_min, trim_count, fallback, len(totals)):
            return None, [], "TooFewJudges"
        return aggregate(totals, method, trim_min, trim_count), [], None
    parts = []
    for g in groups:
        seats = set(g.get("seats") or [])
        totals = [s["totalHundredths"] for s in sheets if s["seat"] in seats]
        if not totals:
            parts.append((g["number"], g["weightPercent"], None, 0, 0))
            continue
        if too_few_to_trim(method, trim_min, trim_count, fallback, len(totals)):
            return None, [], "TooFewJudges"
        score, counted, dropped = aggregate(totals, method, trim_min, trim_count)
        parts.append((g["number"], g["weightPercent"], score, counted, dropped))
    scored = [p for p in parts if p[2] is not None]
    weight = sum(p[1] for p in scored)
    if not scored or weight == 0:
        return None, parts, "NoGroupedJudge"
    score = sum(Fraction(p[1]) * p[2] for p in scored) / weight
    return (score, sum(p[3] for p in scored), sum(p[4] for p in scored)), parts, None


def rubric_of_sheet(criteria, keys):
    """The lines a sheet was scored on (Rubric.OfSheet): its track's own lines, else the shared ones."""
    by_id = {str(c["id"]): c for c in criteria}
    track = next((by_id[k].get("trackId") for k in keys if k in by_id), None)
    own = [c for c in criteria if track is not None and c.get("trackId") == track]
    return own or [c for c in criteria if c.get("trackId") is None]


def rubric_full_marks(rubric):
    """100 points for a weighted rubric (every line has a weight), else the sum of max points (Rubric.FullMarksHundredths)."""
    if rubric and all(c.get("weightPercent") is not None for c in rubric):
        return 10000
    return sum(c["maxPointsHundredths"] for c in rubric)


def breaker_line(criteria, crit, keys):
    """The line a Criterion breaker reads on a sheet (Rubric.BreakerLine): the shared line itself, or on a track's own
    rubric its line in the same position; None when there is none."""
    keys = list(keys)
    if crit in keys:
        return crit
    shared = [str(c["id"]) for c in criteria if c.get("trackId") is None]
    if crit not in shared:
        return None
    position = shared.index(crit)
    own = [str(c["id"]) for c in rubric_of_sheet(criteria, keys)]
    return own[position] if position < len(own) else None


def score_round(method, trim_min, trim_count, full_marks, sheets, fallback="Mean", groups=(), criteria=None):
    """Every entry's own score in a round: {entryId: (Fraction, counted, dropped)}, leaving out entries that get none.
    Sheets in export order."""
    by_entry = {}
    for s in sheets:
        by_entry.setdefault(s["entryId"], []).append(s)
    if method != "ZScore":
        result = {}
        for e, ss in by_entry.items():
            score = score_entry(ss, method, trim_min, trim_count, fallback, groups)[0]
            if score is not None:
                result[e] = score
        return result
    if not sheets:
        return {}
    by_judge = {}
    for s in sheets:
        by_judge.setdefault(s["seat"], []).append(float(s["totalHundredths"]))
    judge_stats = {seat: mean_and_sd(v) for seat, v in by_judge.items()}
    round_mean, round_sd = mean_and_sd([float(s["totalHundredths"]) for s in sheets])
    result = {}
    for entry, ss in by_entry.items():
        zs = []
        for s in ss:
            m, sd = judge_stats[s["seat"]]
            zs.append((s["totalHundredths"] - m) / sd if sd > 0 else 0.0)
        score = round_mean + round_sd * (seq_sum(zs) / len(zs))
        # A round with rubrics per track caps each entry at the full marks of the rubric its sheets were scored on.
        marks = rubric_full_marks(rubric_of_sheet(criteria, ss[0]["points"].keys())) if criteria else full_marks
        score = max(0.0, min(float(marks), score) if marks > 0 else score)
        result[entry] = (shortest_decimal(score), len(zs), 0)
    return result


def lot_draw(entry_ids, seed):
    """The published lot draw: SplitMix64 seeded with the seed as unsigned 32-bit, then Fisher–Yates from the end."""
    order = sorted(entry_ids)
    state = seed & 0xFFFFFFFF

    def next_value():
        nonlocal state
        state = (state + 0x9E3779B97F4A7C15) & MASK64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    for i in range(len(order) - 1, 0, -1):
        j = next_value() % (i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def ticks(text):
    """A UTC time as exact 100-nanosecond ticks, so two submissions compare as the published computation compares them."""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(?:Z|[+-]00:00)?$", text)
    if not m:
        raise ValueError("unreadable time " + text)
    y, mo, d, h, mi, s = (int(g) for g in m.groups()[:6])
    days = _days_from_civil(y, mo, d)
    fraction = int((m.group(7) or "").ljust(7, "0"))
    return ((days * 86400 + h * 3600 + mi * 60 + s) * 10_000_000) + fraction


def _days_from_civil(y, m, d):
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 306  # days since 0001-01-01, as .NET ticks count


# ---- ranking ---------------------------------------------------------------------------------------------------------

class Ranking:
    def __init__(self, rules, sheets_by_entry, submitted, draws, decisions):
        self.rules = rules
        self.sheets = sheets_by_entry
        self.submitted = submitted
        self.draws = draws
        self.decisions = decisions
        self.breakers = rules.get("tieBreakers") or []
        self.decided = {}
        self.needs_draw = set()

    def resolve(self, tied, start, score):
        if len(tied) == 1 or start == len(self.breakers):
            return [tied]
        rule = self.breakers[start]
        keys = self.keys(rule, tied, score)
        if keys is None:
            self.needs_draw.update(tied)  # a lot draw or panel decision nobody recorded: they stay tied
            return self.resolve(tied, start + 1, score)
        values = sorted(set(keys.values()), reverse=True)
        groups = [sorted(e for e in tied if keys[e] == v) for v in values]
        blocks = []
        for g in groups:
            if len(g) == 1 and len(groups) > 1:
                self.decided[g[0]] = rule["token"]
            blocks.extend(self.resolve(g, start + 1, score))
        return blocks

    def keys(self, rule, tied, score):
        kind = rule["kind"]
        r = self.rules
        if kind == "Criterion":
            method = "Mean" if r["method"] == "ZScore" else r["method"]
            crit = str(rule.get("criterionId") or 0)
            criteria = r.get("criteria") or []

            def points(s):
                line = breaker_line(criteria, crit, s["points"].keys())
                return s["points"].get(line, 0) if line else 0
            return {e: aggregate([points(s) for s in self.sheets[e]], method, r["trimMinJudges"], r["trimCount"])[0]
                    for e in tied}
        if kind == "TopScores":
            tops = {e: 0 for e in tied}
            by_judge = {}
            for e in tied:
                for s in self.sheets[e]:
                    by_judge.setdefault(s["seat"], []).append(s)
            for given in by_judge.values():
                if len(given) < 2:
                    continue
                best = max(s["totalHundredths"] for s in given)
                for s in given:
                    if s["totalHundredths"] == best:
                        tops[s["entryId"]] += 1
            return tops
        if kind == "UntrimmedTotal":
            return {e: Fraction(sum(s["totalHundredths"] for s in self.sheets[e]), len(self.sheets[e])) for e in tied}
        if kind == "PanelDecision":
            for d in self.decisions:
                if d["scoreHundredths"] == score and sorted(d["entryIds"]) == tied:
                    order = list(d["order"])
                    return {e: -(order.index(e) if e in order else len(order)) for e in tied}
            return None
        if kind == "EarlierSubmission":
            return {e: -self.submitted[e] if e in self.submitted else -(1 << 80) for e in tied}
        if kind == "LotDraw":
            for d in self.draws:
                if d["scoreHundredths"] == score and sorted(d["entryIds"]) == tied:
                    order = lot_draw(tied, d["seed"])
                    return {e: -order.index(e) for e in tied}
            return None
        raise ValueError("unknown tie-breaker " + kind)


def weigh(entry, own, rules, earlier):
    """(unrounded final score, parts) of an entry in a weighted round; parts as (roundId, weight, score or None)."""
    rounds = rules.get("earlierRounds") or []
    if not rounds:
        return own, []
    parts = [(rules["roundId"], rules["ownWeightPercent"], own)]
    for w in rounds:
        parts.append((w["roundId"], w["weightPercent"], earlier.get(w["roundId"], {}).get(entry)))
    missing = any(p[2] is None for p in parts)
    total = sum(Fraction(p[1]) * (p[2] if p[2] is not None else 0) for p in parts)
    divisor = sum(p[1] for p in parts if p[2] is not None) if missing and rules["missingEarlierScore"] == "Reweight" else 100
    return (total / divisor if divisor else Fraction(0)), parts


def public_jury(rules, votes):
    """entry -> public jury score in hundredths (votes ÷ V × F, V = the most votes of the round), or None when the part is
    left out: no public jury, or nobody voted in the round."""
    weight = rules.get("publicJuryWeightPercent") or 0
    most = max(votes.values()) if votes else 0
    if weight == 0 or most == 0:
        return lambda entry: None
    full = rules["publicJuryFullMarksHundredths"]
    return lambda entry: Fraction(votes.get(entry, 0) * full, most)


def mix(rules, judges, jury):
    """The own score: ((100 − w) × judges' score + w × public jury score) ÷ 100, unrounded; the judges' score alone
    without a public jury part."""
    if jury is None:
        return judges
    weight = rules["publicJuryWeightPercent"]
    return ((100 - weight) * Fraction(judges) + weight * jury) / 100


def close_to(text, value):
    got = None if text is None else Fraction(Decimal(text))
    return got == value or (got is not None and value is not None and abs(got - value) < Fraction(1, 10 ** 12))


def check_jury(where, e, rules, votes, judges, jury):
    """The votes, judges' score and public jury score published for an entry of a round with a public jury."""
    if not rules.get("publicJuryWeightPercent"):
        return ["%s: public jury votes published, but the rules state no public jury" % where] if e.get("publicVotes") is not None else []
    problems = []
    if e.get("publicVotes") != votes:
        problems.append("%s: public jury votes published %s, the export's votes give %s" % (where, e.get("publicVotes"), votes))
    if not close_to(e.get("judgesHundredths"), Fraction(judges)):
        problems.append("%s: judges' score published %s, recomputed %s" % (where, e.get("judgesHundredths"), float(judges)))
    if not close_to(e.get("publicJuryHundredths"), jury):
        problems.append("%s: public jury score published %s, recomputed %s"
                        % (where, e.get("publicJuryHundredths"), None if jury is None else float(jury)))
    return problems


def verify(export):
    problems = []
    ranking = export["ranking"]
    method = ranking.get("method") or {}
    rules = method.get("rules")
    if rules is None:
        return ["the export states no rules (a version published before rules were stored): nothing can be recomputed"]
    if rules.get("rounding") != "HalfUp2Once":
        problems.append("unknown rounding rule %r" % rules.get("rounding"))
    round_id = rules["roundId"]

    sheets = export["sheets"]
    own_sheets = [s for s in sheets if s["roundId"] == round_id]
    own_sheets.sort(key=lambda s: (s["entryId"], s["seat"]))
    groups = rules.get("judgeGroups") or []
    fallback = rules.get("trimFallback") or "Mean"
    problems.extend(check_groups("this round", groups, [s for s in sheets if s["roundId"] == round_id]))
    own_scores = score_round(rules["method"], rules["trimMinJudges"], rules["trimCount"], rules["fullMarksHundredths"], own_sheets,
                             fallback, groups, rules.get("criteria"))
    votes = {}
    for v in export.get("votes") or []:
        votes.setdefault(v["roundId"], {})[v["entryId"]] = v["votes"]
    juries = {round_id: public_jury(rules, votes.get(round_id, {}))}
    earlier = {}
    for w in rules.get("earlierRounds") or []:
        ss = sorted((s for s in sheets if s["roundId"] == w["roundId"]), key=lambda s: (s["entryId"], s["seat"]))
        problems.extend(check_groups("round %s" % w["roundId"], w.get("judgeGroups") or [], ss))
        jury = juries[w["roundId"]] = public_jury(w, votes.get(w["roundId"], {}))
        earlier[w["roundId"]] = {e: mix(w, v[0], jury(e)) for e, v in score_round(w["method"], w["trimMinJudges"], w["trimCount"],
                                                                                 w["fullMarksHundredths"], ss, w.get("trimFallback") or "Mean",
                                                                                 w.get("judgeGroups") or []).items()}
    stated = dict([(round_id, rules)] + [(w["roundId"], w) for w in rules.get("earlierRounds") or []])
    for voted in votes:
        if not stated.get(voted, {}).get("publicJuryWeightPercent"):
            problems.append("votes listed for round %s, whose rules state no public jury in this ranking" % voted)

    draws = method.get("draws") or []
    for d in draws:
        if d.get("algorithm") not in (None, LOT_DRAW_ALGORITHM):
            problems.append("lot draw with unknown algorithm %r" % d.get("algorithm"))
        if "order" in d and lot_draw(d["entryIds"], d["seed"]) != d["order"]:
            problems.append("lot draw of %s with seed %s: published order %s, the seed gives %s"
                            % (d["entryIds"], d["seed"], d["order"], lot_draw(d["entryIds"], d["seed"])))

    decisions = method.get("panelDecisions") or []
    sheets_by_entry = {}
    for s in own_sheets:
        sheets_by_entry.setdefault(s["entryId"], []).append(s)
    published_entries = set()
    for group in ranking["groups"]:
        entries = group["entries"]
        label = "group %s (%s)" % (group["trackId"], group["name"])
        ids = [e["entryId"] for e in entries]
        published_entries.update(ids)
        for u in group.get("unranked") or []:
            entry = u["entryId"]
            published_entries.add(entry)
            where = "%s, unranked entry %s (%s)" % (label, entry, u.get("title", ""))
            if entry not in sheets_by_entry:
                problems.append("%s: published as unranked but has no sheet in the export" % where)
                continue
            _, _, reason = score_entry(sheets_by_entry[entry], rules["method"], rules["trimMinJudges"], rules["trimCount"], fallback, groups) \
                if rules["method"] != "ZScore" else (None, None, None)
            if reason is None:
                problems.append("%s: published without a rank (%s), but its sheets give it a score" % (where, u.get("reason")))
            elif reason != u.get("reason"):
                problems.append("%s: reason published %s, recomputed %s" % (where, u.get("reason"), reason))
            if u.get("judgesScored") != len(sheets_by_entry[entry]):
                problems.append("%s: judges who scored published %s, recomputed %s" % (where, u.get("judgesScored"), len(sheets_by_entry[entry])))
        submitted = {e["entryId"]: ticks(e["submittedAt"]) for e in entries if e.get("submittedAt")}
        official = {}
        for entry in ids:
            if entry not in sheets_by_entry:
                problems.append("%s: entry %s is ranked but has no sheet in the export" % (label, entry))
                continue
            if entry not in own_scores:
                problems.append("%s: entry %s is ranked, but its sheets give it no score under the stated rules" % (label, entry))
                continue
            unrounded, _ = weigh(entry, mix(rules, own_scores[entry][0], juries[round_id](entry)), rules, earlier)
            official[entry] = round_half_up(unrounded)
        calc = Ranking(rules, sheets_by_entry, submitted, draws, decisions)
        blocks = []
        score_tied = set()
        for score in sorted(set(official.values()), reverse=True):
            same = sorted(e for e in official if official[e] == score)
            if len(same) > 1:
                score_tied.update(same)
            blocks.extend(calc.resolve(same, 0, score))
        expected = {}
        position = 0
        for block in blocks:
            for entry in block:
                expected[entry] = (position + 1, len(block) > 1)
            position += len(block)

        for e in entries:
            entry = e["entryId"]
            if entry not in official:
                continue
            where = "%s, entry %s (%s)" % (label, entry, e.get("title", ""))
            rank, tied = expected[entry]
            own, counted, dropped = own_scores[entry]
            if groups:
                _, group_parts, _ = score_entry(sheets_by_entry[entry], rules["method"], rules["trimMinJudges"], rules["trimCount"],
                                                fallback, groups)
                problems.extend(check_group_parts(where, e.get("groupParts") or [], group_parts))
            elif e.get("groupParts"):
                problems.append("%s: judge-group parts published, but the rules state no judge groups" % where)
            checks = [
                ("score (hundredths)", e.get("scoreHundredths"), official[entry]),
                ("score", Decimal(str(e["score"])), Decimal(official[entry]) / 100),
                ("rank", e["rank"], rank),
                ("tied", e["tied"], tied),
                ("judges counted", e["judgeCount"], counted),
                ("judges dropped", e.get("judgesDropped"), dropped),
                ("judges who scored", e.get("judgesScored"), counted + dropped),
                ("equal score", e.get("scoreTied"), entry in score_tied),
                ("decided by", e.get("decidedBy") or "", calc.decided.get(entry, "")),
            ]
            for name, published, computed in checks:
                if published != computed:
                    problems.append("%s: %s published %s, recomputed %s" % (where, name, published, computed))
            if (e.get("panelSize") or 0) and e["panelSize"] < len(sheets_by_entry[entry]):
                problems.append("%s: panel of %s judges but %s sheets" % (where, e["panelSize"], len(sheets_by_entry[entry])))
            jury = juries[round_id](entry)
            problems.extend(check_jury(where, e, rules, votes.get(round_id, {}).get(entry, 0), own, jury))
            _, parts = weigh(entry, mix(rules, own, jury), rules, earlier)
            published_parts = e.get("parts") or []
            if len(published_parts) != len(parts):
                problems.append("%s: %s weighted parts published, %s recomputed" % (where, len(published_parts), len(parts)))
            for p, (rid, weight, value) in zip(published_parts, parts):
                got = None if p.get("scoreHundredths") is None else Fraction(Decimal(p["scoreHundredths"]))
                close = got == value or (got is not None and value is not None and abs(got - value) < Fraction(1, 10 ** 12))
                if p["roundId"] != rid or p["weightPercent"] != weight or not close:
                    problems.append("%s: part of round %s published (%s%%, %s), recomputed (%s%%, %s)"
                                    % (where, rid, p["weightPercent"], p.get("scoreHundredths"), weight,
                                       None if value is None else float(value)))

    for entry in sheets_by_entry:
        if entry not in published_entries:
            problems.append("entry %s has sheets in the round but is not in the published ranking" % entry)
    return problems


def check_groups(where, groups, sheets):
    """The judge groups as stated: weights adding up to 100, each seat in at most one group, each sheet's group as stated."""
    problems = []
    if not groups:
        stray = sorted({s["seat"] for s in sheets if s.get("judgeGroup") is not None})
        if stray:
            problems.append("%s: seats %s have a judge group, but the rules state none" % (where, stray))
        return problems
    if sum(g["weightPercent"] for g in groups) != 100:
        problems.append("%s: judge group weights add up to %s%%, not 100%%" % (where, sum(g["weightPercent"] for g in groups)))
    group_of = {}
    for g in groups:
        for seat in g.get("seats") or []:
            if seat in group_of:
                problems.append("%s: seat %s is in groups %s and %s" % (where, seat, group_of[seat], g["number"]))
            group_of[seat] = g["number"]
    for s in sheets:
        if s.get("judgeGroup") != group_of.get(s["seat"]):
            problems.append("%s: sheet of seat %s for entry %s says group %s, the rules say %s"
                            % (where, s["seat"], s["entryId"], s.get("judgeGroup"), group_of.get(s["seat"])))
    return problems


def check_group_parts(where, published, computed):
    """Each judge group's published part against the recomputed one (number, weight, exact score, counted, dropped)."""
    problems = []
    if len(published) != len(computed):
        return ["%s: %s judge-group parts published, %s recomputed" % (where, len(published), len(computed))]
    for p, (number, weight, score, counted, dropped) in zip(published, computed):
        got = None if p.get("scoreHundredths") is None else Fraction(Decimal(p["scoreHundredths"]))
        close = got == score or (got is not None and score is not None and abs(got - score) < Fraction(1, 10 ** 12))
        if (p.get("group"), p.get("weightPercent"), p.get("counted"), p.get("dropped")) != (number, weight, counted, dropped) or not close:
            problems.append("%s: judge group %s published (%s%%, %s, %s counted, %s dropped), recomputed (%s%%, %s, %s counted, %s dropped)"
                            % (where, number, p.get("weightPercent"), p.get("scoreHundredths"), p.get("counted"), p.get("dropped"),
                               weight, None if score is None else float(score), counted, dropped))
    return problems


def verify_groups_and_minimum(export):
    """Each entry in one group only, groups distinct, and the below-minimum flag as the stated minimum score gives it."""
    problems = []
    ranking = export["ranking"]
    rules = (ranking.get("method") or {}).get("rules") or {}
    minimum = rules.get("minScoreHundredths")
    seen_groups = set()
    group_of = {}
    for group in ranking["groups"]:
        key = (group["trackId"], group["name"])
        if key in seen_groups:
            problems.append("group %s (%s) is listed twice" % key)
        seen_groups.add(key)
        for e in group["entries"]:
            if e["entryId"] in group_of:
                problems.append("entry %s is ranked in two groups: %s and %s" % (e["entryId"], group_of[e["entryId"]], group["name"]))
            group_of[e["entryId"]] = group["name"]
            below = minimum is not None and e["scoreHundredths"] < minimum
            if e.get("belowMinimum", False) != below:
                problems.append("group %s, entry %s: below the minimum score published %s, the stated minimum %s gives %s"
                                % (group["name"], e["entryId"], e.get("belowMinimum"), minimum, below))
    return problems


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        if argv[1] == "-":
            export = json.load(sys.stdin, parse_float=Decimal)
        else:
            with open(argv[1], encoding="utf-8-sig") as f:
                export = json.load(f, parse_float=Decimal)
        if export.get("format") != "competitionhub-published-results":
            raise ValueError("not a CompetitionHub results export")
    except (OSError, ValueError) as e:
        print("cannot read the export: %s" % e, file=sys.stderr)
        return 2
    problems = verify(export) + verify_groups_and_minimum(export)
    ranking = export["ranking"]
    title = "round %s, version %s" % (ranking["roundId"], ranking["version"]["number"])
    for p in problems:
        print("MISMATCH " + p)
    entries = sum(len(g["entries"]) for g in ranking["groups"])
    if problems:
        print("%s: %d mismatch(es) among %d published entries" % (title, len(problems), entries))
        return 1
    unranked = sum(len(g.get("unranked") or []) for g in ranking["groups"])
    print("%s: all %d published entries reproduced (scores, ranks, ties, judges, judge groups, tie-breakers)%s"
          % (title, entries, "; %d unranked entries and their reasons too" % unranked if unranked else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
