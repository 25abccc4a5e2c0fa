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

            var number = isDigit ? ReadAcrossWrap(i) : NumberReader.ReadAt(match, i);
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

    /// <summary>A number whose digits a soft line wrap split (“申请1\n8件”) is read as one, the break counted in its length.</summary>
    private WrittenNumber ReadAcrossWrap(int start)
    {
        var end = start;
        while (end < match.Length && char.IsAsciiDigit(match[end]))
        {
            end++;
        }

        if (end - start > 12 || end + 1 >= match.Length || match[end] != '\n' || !char.IsAsciiDigit(match[end + 1]) || SoftWraps.BinarySearch(end) < 0)
        {
            return NumberReader.ReadAt(match, start);
        }

        Span<char> joined = stackalloc char[32];
        var head = end - start;
        match.AsSpan(start, head).CopyTo(joined);
        var tail = Math.Min(match.Length - (end + 1), joined.Length - head);
        match.AsSpan(end + 1, tail).CopyTo(joined[head..]);
        var number = NumberReader.ReadAt(joined[..(head + tail)], 0);
        return number.IsNumber ? number with { Length = number.Length + 1 } : NumberReader.ReadAt(match, start);
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

    // “300至400人次”, “20-30件”, “300人次至400人次”: a range is no figure, neither of its ends is.
    private bool IsRangeBound(int start, int end)
    {
        static bool Joins(char c) => c is '至' or '到' or '~' or '～' or '-' or '—' or '－';
        var before = start - 1;
        if (before >= 1 && Joins(match[before]) && NumberReader.CanStartNumber(match[before - 1]))
        {
            return true;
        }

        return end + 1 < match.Length && Joins(match[end]) && NumberReader.IsDigit(match[end + 1]);
    }

    // 一条龙, 一次性, 一站式 … are words, not counts.
    private bool IsIdiom(int afterUnit) =>
        afterUnit < match.Length && match[afterUnit] is '龙' or '性' or '式' or '化' or '体' or '线' or '窗' or '门' or '批';

    private void Consider(int start, int end, WrittenNumber number, int previousEnd)
    {
        if (IsRangeBound(start, end))
        {
            return;
        }

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

        var afterEnd = ClauseEnd(end);
        // A soft line wrap inside the sentence (the only kind of break left in it) does not split its words.
        var sentence = match.AsSpan(sentenceStart, start - sentenceStart);
        var compact = sentence.Contains('\n') ? string.Concat(sentence.ToString().Split('\n')) : null;
        var near = Tail(compact, nearStart, start);
        var wide = Tail(compact, wideStart, start);
        var sentenceBefore = Tail(compact, sentenceStart, start);
        var afterSpan = match.AsSpan(end, afterEnd - end);
        var after = afterSpan.Contains('\n') ? string.Concat(afterSpan.ToString().Split('\n')).AsSpan() : afterSpan;
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
                Note = ApproximationNote(start, number.Unit),
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

    /// <summary>
    /// 余 (“260余人次”, “12万余条”: more than) and 约/近/大约 (about) make a figure approximate. It is kept as written
    /// (for 余 a lower bound) and says so, so that a reader can leave it out of sums.
    /// </summary>
    private string? ApproximationNote(int start, string? unit)
    {
        if (unit is not null && unit.Contains('余'))
        {
            return "approximate: 余 (more than); the written figure is kept as a lower bound";
        }

        var before = start > 0 ? match[start - 1] : '\0';
        return before is '约' or '近' || (start > 1 && match.AsSpan(start - 2, 2) is "超过" or "大约" or "将近") ? "approximate: 约/近 (about); the written figure is kept" : null;
    }

    /// <summary>The words from <paramref name="from"/> to the number, from the compacted sentence when it had wraps.</summary>
    private ReadOnlySpan<char> Tail(string? compact, int from, int to)
    {
        if (compact is null)
        {
            return match.AsSpan(from, to - from);
        }

        var length = to - from;
        foreach (var c in match.AsSpan(from, to - from))
        {
            if (c == '\n')
            {
                length--;
            }
        }

        return compact.AsSpan(compact.Length - length);
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
            // Another count first (“已答复七件，其中“同意公开”五件，占总数的71.4%”): the percentage is that one's.
            if (!char.IsAsciiDigit(match[i]) && ChineseNumerals.IsNumeralChar(match[i]) && NumberReader.ReadAt(match, i).IsNumber)
            {
                return null;
            }

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
            if (IsEnd(k))
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
            if (IsEnd(k) || match[k] is ',' or '，')
            {
                return k;
            }
        }

        return limit;
    }

    private static bool IsSentenceEnd(char c) => c is '。' or ';' or '；' or '\n' or '!' or '！' or '?' or '？';

    private bool IsEnd(int at) => IsSentenceEnd(match[at]) && !(match[at] == '\n' && SoftWraps.Count > 0 && SoftWraps.BinarySearch(at) >= 0);

    /// <summary>The soft wraps of the text, found once (most documents have none).</summary>
    private List<int> SoftWraps => softWraps ??= FindSoftWraps();

    private List<int>? softWraps;

    private List<int> FindSoftWraps()
    {
        var found = new List<int>(0);
        var tables = document.Tables;
        var table = 0;
        for (var at = match.IndexOf('\n'); at >= 0; at = match.IndexOf('\n', at + 1))
        {
            // Table rows end in newlines too; they are never wraps.
            while (table < tables.Count && tables[table].End <= at)
            {
                table++;
            }

            if (table < tables.Count && tables[table].Start <= at)
            {
                at = Math.Min(match.Length - 1, tables[table].End);
                continue;
            }

            if (IsWordChar(match[Math.Max(0, at - 1)]) && IsSoftWrap(at))
            {
                found.Add(at);
            }
        }

        return found;
    }

    /// <summary>
    /// A line break inside a sentence: a text copy wrapped at a fixed width (PDF to text) breaks lines mid-word
    /// (“共受理政府信息公开申\n请18件”). The break is soft when a long line that ends in a character or digit, not in
    /// punctuation, continues with one, and the next line is not a heading.
    /// </summary>
    private bool IsSoftWrap(int newline)
    {
        if (newline == 0 || newline + 1 >= match.Length || !IsWordChar(match[newline - 1]) || !IsWordChar(match[newline + 1]))
        {
            return false;
        }

        var lineStart = match.LastIndexOf('\n', newline - 1) + 1;
        if (newline - lineStart < MinWrappedLine)
        {
            return false;
        }

        foreach (var section in document.Sections)
        {
            if (section.Start == newline + 1 || section.Start == lineStart)
            {
                return false;
            }
        }

        return !InTable(newline + 1) && !InTable(lineStart);
    }

    private const int MinWrappedLine = 20;

    private static bool IsWordChar(char c) => char.IsAsciiDigit(c) || c is >= '\u4E00' and <= '\u9FFF';

    // “没有发生…行政复议” states a zero for 行政复议 only; “不收取费用” a zero fee; “未收到…申请” no requests;
    // “没有不同意公开的申请”, “无不予公开情况” a zero for that outcome only.
    private static readonly (string Trigger, ZeroTrigger Kind)[] ZeroTriggers =
    [
        ("没有发生", ZeroTrigger.Specific), ("未发生", ZeroTrigger.Specific), ("没有出现", ZeroTrigger.Specific), ("未出现", ZeroTrigger.Specific),
        ("无一例", ZeroTrigger.Specific), ("没有收到", ZeroTrigger.Requests), ("未收到", ZeroTrigger.Requests), ("没有受理", ZeroTrigger.Requests),
        ("未受理", ZeroTrigger.Requests), ("未接到", ZeroTrigger.Requests), ("没有接到", ZeroTrigger.Requests),
        ("不收取", ZeroTrigger.Specific), ("未收取", ZeroTrigger.Specific), ("没有收取", ZeroTrigger.Specific), ("免收", ZeroTrigger.Specific),
        ("不收费", ZeroTrigger.Specific), ("零收费", ZeroTrigger.Specific), ("没有", ZeroTrigger.Generic), ("无", ZeroTrigger.Generic),
    ];

    // Outcomes a zero statement can name, most specific first (不同意公开 before 同意公开).
    private static readonly (string Label, string Key)[] ZeroOutcomes =
    [
        ("不同意公开", MetricKeys.RequestsDeniedTotal), ("不予公开", MetricKeys.RequestsDeniedTotal),
        ("部分公开", MetricKeys.RequestsPartiallyGranted), ("信息不存在", MetricKeys.RequestsNotExist),
        ("非本机关", MetricKeys.RequestsNotThisAgency), ("不属于本机关", MetricKeys.RequestsNotThisAgency),
        ("不属于本行政机关", MetricKeys.RequestsNotThisAgency), ("已主动公开", MetricKeys.RequestsAlreadyPublic),
    ];

    // What a generic 没有/无 must be about to be a statement of none (“无行政复议情况”, not “无障碍改造”, “没有现成信息”).
    private static readonly string[] GenericEndings = ["情况", "申请", "案件", "案例", "事件", "发生", "行政复议", "行政诉讼"];

    // A result of review (纠错, 维持 …) names a part of the cases, not all of them (“未发生…引起的行政复议纠错”).
    private static readonly string[] ReviewResults = ["纠错", "纠正", "撤销", "维持", "败诉", "确认违法"];

    private enum ZeroTrigger
    {
        Specific,
        Requests,
        Generic,
    }

    private void ReadZeroStatements()
    {
        // One pass: every trigger starts with one of these characters.
        for (var at = 0; at < match.Length; at++)
        {
            if (match[at] is not ('没' or '未' or '无' or '不' or '免' or '零'))
            {
                continue;
            }

            foreach (var (trigger, kind) in ZeroTriggers)
            {
                if (!match.AsSpan(at).StartsWith(trigger, StringComparison.Ordinal))
                {
                    continue;
                }

                ReadZeroStatement(at, trigger, kind);
                at += trigger.Length - 1;
                break;
            }
        }
    }

    private void ReadZeroStatement(int at, string trigger, ZeroTrigger kind)
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
        while (end < limit && !IsEnd(end) && !(kind == ZeroTrigger.Generic && match[end] is ',' or '，'))
        {
            end++;
        }

        var clause = match.AsSpan(at, end - at);
        if (ContainsFigure(clause))
        {
            return; // a figure is stated: the sentence rules read it
        }

        if (kind == ZeroTrigger.Generic && !EndsWithAny(clause, GenericEndings))
        {
            return;
        }

        if (kind == ZeroTrigger.Requests && clause.Contains("申请", StringComparison.Ordinal) && !AnyOf(clause, ["复议", "诉讼", "咨询"]))
        {
            AddZero(MetricKeys.RequestsNewReceived, at, end, section);
            return;
        }

        // “没有因不予公开引发的行政复议” speaks of some review cases (those over denials), neither of all review
        // cases nor of denials: no zero at all.
        if (AnyOf(clause, ["复议", "诉讼", "投诉"]))
        {
            foreach (var (label, _) in ZeroOutcomes)
            {
                if (clause.Contains(label, StringComparison.Ordinal))
                {
                    return;
                }
            }
        }
        else if (section is not "proactive")
        {
            var named = false;
            foreach (var (label, key) in ZeroOutcomes)
            {
                var found = clause.IndexOf(label, StringComparison.Ordinal);
                // 不同意公开 also holds 同意公开; 部分公开 after 不予 is not a partial grant.
                if (found >= 0 && !(label == "部分公开" && found > 0 && clause[found - 1] == '予'))
                {
                    AddZero(key, at, end, section);
                    named = true;
                    if (label is "不同意公开" or "不予公开")
                    {
                        break;
                    }
                }
            }

            if (named)
            {
                return;
            }
        }

        if (!AnyOf(clause, ReviewResults))
        {
            if (clause.Contains("复议", StringComparison.Ordinal))
            {
                AddZero(MetricKeys.ReconsiderationTotal, at, end, section);
            }

            if (clause.Contains("诉讼", StringComparison.Ordinal))
            {
                AddZero(MetricKeys.LitigationTotal, at, end, section);
            }
        }

        if (AnyOf(clause, ["收费", "费用", "收取"]) || trigger is "不收费" or "零收费" || (trigger is "免收" && clause.Contains('费')))
        {
            if (!AnyOf(clause, ["经费", "行政事业性"]))
            {
                AddZero(MetricKeys.FeesAmountYuan, at, end, section);
            }
        }
    }

    private static bool EndsWithAny(ReadOnlySpan<char> clause, string[] endings)
    {
        clause = clause.TrimEnd("”\"」）) ");
        foreach (var ending in endings)
        {
            if (clause.EndsWith(ending, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
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

    /// <summary>A digit, or a count in Chinese numerals with its unit (两件, 一起).</summary>
    private static bool ContainsFigure(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsAsciiDigit(s[i]) || (ChineseNumerals.IsNumeralChar(s[i]) && NumberReader.ReadAt(s, i).IsNumber))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A percentage stated right after a figure (“7673件，占总数的99.4%”).</summary>
internal readonly record struct StatedPercentage(string Key, decimal Count, decimal Percent, int Start, int End);
