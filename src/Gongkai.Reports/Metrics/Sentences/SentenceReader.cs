using Gongkai.Reports.Numbers;

namespace Gongkai.Reports.Metrics.Sentences;

/// <summary>
/// Reads figures from running text. One pass finds every number written with a count or money unit (digits or
/// Chinese numerals, 万, stray spaces); each is then tested against <see cref="SentenceRules"/> on the words of
/// its own clause, so the cost is proportional to the text plus the (few hundred) numbers in it. Table text is
/// skipped (the table readers own it). Percentages never become values, but are kept to check the counts.
/// </summary>
internal sealed class SentenceReader(ReportDocument document, FigureSet figures)
{
    private const int MaxWindow = 48;
    private const int MaxAfter = 24;

    private readonly string text = document.Text;
    private readonly string match = MatchFold.Fold(document.MatchText);

    private readonly HashSet<int> flaggedSentences = [];
    private readonly List<(string Key, int Start, decimal Value)> outcomesRead = [];
    private readonly List<DamagedPhrase> damagedPhrases = [];
    private readonly List<(int Start, int End)> misdecoded = document.Problems
        .Where(p => p.Code == "text.misdecoded" && p.Start is not null && p.End is not null)
        .Select(p => (p.Start!.Value, p.End!.Value))
        .ToList();

    public List<StatedPercentage> Percentages { get; } = [];

    public void Read()
    {
        var tables = document.Tables;
        var tableIndex = 0;
        var previousEnd = 0;
        var i = 0;
        while (i < match.Length)
        {
            var c = match[i];
            if (!NumberReader.CanStartNumber(c))
            {
                i++;
                continue;
            }

            // Skip the tables' own text.
            while (tableIndex < tables.Count && tables[tableIndex].End <= i)
            {
                tableIndex++;
            }

            if (tableIndex < tables.Count && tables[tableIndex].Start <= i)
            {
                i = Math.Max(i + 1, tables[tableIndex].End);
                previousEnd = i;
                continue;
            }

            var isDigit = NumberReader.IsDigit(c);
            if (i > 0 && (isDigit ? NumberReader.IsDigit(match[i - 1]) || match[i - 1] == '.' : ChineseNumerals.IsNumeralChar(match[i - 1]) || match[i - 1] == '第'))
            {
                i++;
                continue;
            }

            var number = NumberReader.ReadAt(match, i);
            if (number.Kind == WrittenNumberKind.Percentage)
            {
                i += Math.Max(1, number.Length);
                previousEnd = i;
                continue;
            }

            if (!number.IsNumber || (!isDigit && IsIdiom(i + number.Length)))
            {
                i = SkipRun(i, isDigit);
                continue;
            }

            var end = i + number.Length;
            Consider(i, end, number, previousEnd);
            previousEnd = end;
            i = end;
        }

        ReadZeroStatements();
        NarrativeRecovery.Resolve(text, match, figures, outcomesRead, damagedPhrases);
    }

    private int SkipRun(int i, bool digits)
    {
        i++;
        while (i < match.Length && (digits ? NumberReader.IsDigit(match[i]) || match[i] is '.' or ',' : ChineseNumerals.IsNumeralChar(match[i])))
        {
            i++;
        }

        return i;
    }

    // 一条龙, 一次性, 一站式 … are words, not counts.
    private bool IsIdiom(int afterUnit) =>
        afterUnit < match.Length && match[afterUnit] is '龙' or '性' or '式' or '化' or '体' or '线' or '窗' or '门' or '批';

    private void Consider(int start, int end, WrittenNumber number, int previousEnd)
    {
        var sentenceStart = SentenceStart(start);
        var wideStart = Math.Max(Math.Max(sentenceStart, previousEnd), start - MaxWindow);
        var nearStart = wideStart;
        for (var k = start - 1; k >= wideStart; k--)
        {
            if (match[k] is ',' or '，' or ':' or '：')
            {
                nearStart = k + 1;
                break;
            }
        }

        var near = match.AsSpan(nearStart, start - nearStart);
        var wide = match.AsSpan(wideStart, start - wideStart);
        var afterEnd = ClauseEnd(end);
        var after = match.AsSpan(end, afterEnd - end);
        var sentenceBefore = match.AsSpan(sentenceStart, start - sentenceStart);
        var section = document.SectionAt(start)?.Kind;

        foreach (var rule in SentenceRules.All)
        {
            if (!UnitFits(rule, number.Unit) || (section is not null && rule.NotInSections.Contains(section)))
            {
                continue;
            }

            var before = rule.Wide ? wide : near;
            var matched = AllOf(before, rule.Before) && rule.Before.Length > 0;
            var matchedAfter = false;
            if (!matched && rule.After is not null && AllOf(after, rule.After) && AllOf(before, rule.AfterBefore))
            {
                matched = true;
                matchedAfter = true;
            }

            if (!matched || AnyOf(before, rule.Not) || (matchedAfter && AnyOf(after, rule.Not)))
            {
                continue;
            }

            if (rule.IsTotal && sentenceBefore.Contains("其中", StringComparison.Ordinal))
            {
                continue;
            }

            var key = rule.Key;
            if (rule.ReviewGroup)
            {
                var reconsideration = sentenceBefore.LastIndexOf("复议");
                var litigation = sentenceBefore.LastIndexOf("诉讼");
                if (reconsideration < 0 && litigation < 0)
                {
                    continue;
                }

                key = key.Replace("{review}", litigation > reconsideration ? "litigation" : "reconsideration", StringComparison.Ordinal);
            }

            var phraseStart = matchedAfter ? start : nearStart;
            var phraseEnd = matchedAfter ? afterEnd : end;
            var provenance = new MetricProvenance
            {
                Kind = ProvenanceKinds.Sentence,
                Section = section,
                Start = phraseStart,
                End = phraseEnd,
                Text = text[phraseStart..phraseEnd].Trim(),
                Unit = number.Unit,
                Multiplier = number.Multiplier == 1m ? null : number.Multiplier,
            };
            if (figures.Add(key, number.Value, provenance))
            {
                CheckYear(key, sentenceBefore, sentenceStart, phraseEnd);
            }

            var percentage = PercentageAfter(end, afterEnd);
            if (percentage is { } p)
            {
                Percentages.Add(new StatedPercentage(key, number.Value, p, start, afterEnd));
            }

            if (NarrativeRecovery.IsOutcome(key))
            {
                outcomesRead.Add((key, start, number.Value));
            }

            return;
        }

        // No rule read the figure: if its words are mis-decoded, keep it for recovery by position and arithmetic.
        if (section is not ("proactive" or "problems") && IsDamaged(nearStart, start) && number.Unit is not null && RequestUnitsOf(number.Unit))
        {
            damagedPhrases.Add(new DamagedPhrase(number.Value, nearStart, end, section));
        }
    }

    private static bool RequestUnitsOf(string unit) => unit is "件" or "宗" or "起" or "个" or "份" or "次";

    private bool IsDamaged(int from, int to)
    {
        if (match.AsSpan(from, to - from).Contains('\uFFFD'))
        {
            return true;
        }

        foreach (var (start, end) in misdecoded)
        {
            if (start < to && end > from)
            {
                return true;
            }
        }

        return false;
    }

    private void CheckYear(string key, ReadOnlySpan<char> sentenceBefore, int sentenceStart, int end)
    {
        if (document.ReportYear is not { } year)
        {
            return;
        }

        // The nearest year named before the figure in its sentence (2017年度发生…行政复议案9宗).
        for (var k = sentenceBefore.Length - 5; k >= 0; k--)
        {
            if (sentenceBefore[k + 4] == '年' && IsYear(sentenceBefore.Slice(k, 4), out var stated) && (k == 0 || !char.IsAsciiDigit(sentenceBefore[k - 1])))
            {
                // “自2008年5月1日…以来”, “截至…”, “累计”: a running total, not a figure for another year.
                var since = sentenceBefore[(k + 5)..];
                if (stated != year && !AnyOf(since, ["以来", "至今", "累计", "以后"]) && !AnyOf(sentenceBefore[..k], ["自", "从"]) && flaggedSentences.Add(sentenceStart))
                {
                    figures.Problem(
                        ProblemCodes.FiguresYearMismatch,
                        $"{key}: the sentence gives the figure for {stated}, but the report is about {year}; the figure is kept as written.",
                        key,
                        sentenceStart + k,
                        end);
                }

                return;
            }
        }
    }

    private static bool IsYear(ReadOnlySpan<char> s, out int year)
    {
        year = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            year = year * 10 + (c - '0');
        }

        return year is >= 2000 and <= 2100;
    }

    private decimal? PercentageAfter(int from, int to)
    {
        // “占总数的99.4%”: the first percentage in the clause after the figure.
        var limit = Math.Min(match.Length, Math.Max(to, from) + MaxAfter);
        var i = from;
        while (i < limit && match[i] is not ('。' or ';' or '；' or '\n'))
        {
            if (char.IsAsciiDigit(match[i]))
            {
                var j = i;
                while (j < limit && (char.IsAsciiDigit(match[j]) || match[j] == '.'))
                {
                    j++;
                }

                var k = j;
                while (k < match.Length && NumberReader.IsSpace(match[k]))
                {
                    k++;
                }

                if (k < match.Length && match[k] is '%' or '％')
                {
                    return decimal.TryParse(match.AsSpan(i, j - i), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
                }

                return null;
            }

            i++;
        }

        return null;
    }

    private static bool UnitFits(SentenceRule rule, string? unit) => unit is not null && rule.Units.Contains(unit);

    private static bool AllOf(ReadOnlySpan<char> window, string[][] groups)
    {
        foreach (var group in groups)
        {
            if (!AnyOf(window, group))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyOf(ReadOnlySpan<char> window, string[] words)
    {
        foreach (var word in words)
        {
            if (window.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private int SentenceStart(int at)
    {
        var limit = Math.Max(0, at - 200);
        for (var k = at - 1; k >= limit; k--)
        {
            if (IsSentenceEnd(match[k]))
            {
                return k + 1;
            }
        }

        return limit;
    }

    private int ClauseEnd(int from)
    {
        var limit = Math.Min(match.Length, from + MaxAfter);
        for (var k = from; k < limit; k++)
        {
            if (IsSentenceEnd(match[k]) || match[k] is ',' or '，')
            {
                return k;
            }
        }

        return limit;
    }

    private static bool IsSentenceEnd(char c) => c is '。' or ';' or '；' or '\n' or '!' or '！' or '?' or '？';

    // “没有发生…行政复议” states a zero for 行政复议 only; “不收取费用” a zero fee; “未收到…申请” no requests.
    private static readonly (string Trigger, bool Requests)[] ZeroTriggers =
    [
        ("没有发生", false), ("未发生", false), ("没有出现", false), ("未出现", false), ("无一例", false),
        ("没有收到", true), ("未收到", true), ("没有受理", true), ("未受理", true), ("未接到", true), ("没有接到", true),
        ("不收取", false), ("未收取", false), ("没有收取", false), ("免收", false), ("不收费", false), ("零收费", false),
    ];

    private void ReadZeroStatements()
    {
        // One pass: every trigger starts with one of these characters.
        for (var at = 0; at < match.Length; at++)
        {
            if (match[at] is not ('没' or '未' or '无' or '不' or '免' or '零'))
            {
                continue;
            }

            foreach (var (trigger, requests) in ZeroTriggers)
            {
                if (!match.AsSpan(at).StartsWith(trigger, StringComparison.Ordinal))
                {
                    continue;
                }

                ReadZeroStatement(at, trigger, requests);
                break;
            }
        }
    }

    private void ReadZeroStatement(int at, string trigger, bool requests)
    {
        if (InTable(at))
        {
            return;
        }

        var section = document.SectionAt(at)?.Kind;
        if (section is "problems")
        {
            return;
        }

        var end = at;
        var limit = Math.Min(match.Length, at + 60);
        while (end < limit && !IsSentenceEnd(match[end]))
        {
            end++;
        }

        var clause = match.AsSpan(at, end - at);
        if (ContainsDigit(clause))
        {
            return; // a figure is stated: the sentence rules read it
        }

        if (requests && clause.Contains("申请", StringComparison.Ordinal) && !AnyOf(clause, ["复议", "诉讼", "咨询"]))
        {
            AddZero(MetricKeys.RequestsNewReceived, at, end, section);
            return;
        }

        if (clause.Contains("复议", StringComparison.Ordinal))
        {
            AddZero(MetricKeys.ReconsiderationTotal, at, end, section);
        }

        if (clause.Contains("诉讼", StringComparison.Ordinal))
        {
            AddZero(MetricKeys.LitigationTotal, at, end, section);
        }

        if (AnyOf(clause, ["收费", "费用", "收取"]) || trigger is "不收费" or "零收费" || (trigger is "免收" && clause.Contains('费')))
        {
            if (!AnyOf(clause, ["经费", "行政事业性"]))
            {
                AddZero(MetricKeys.FeesAmountYuan, at, end, section);
            }
        }
    }

    private void AddZero(string key, int start, int end, string? section) =>
        figures.Add(key, 0m, new MetricProvenance
        {
            Kind = ProvenanceKinds.Sentence,
            Section = section,
            Start = start,
            End = end,
            Text = text[start..end].Trim(),
            Note = "stated as none (没有/未…)",
        });

    private bool InTable(int at)
    {
        foreach (var table in document.Tables)
        {
            if (at >= table.Start && at < table.End)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsDigit(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A percentage stated right after a figure (“7673件，占总数的99.4%”).</summary>
internal readonly record struct StatedPercentage(string Key, decimal Count, decimal Percent, int Start, int End);
