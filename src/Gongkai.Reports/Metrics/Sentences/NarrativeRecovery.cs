using Gongkai.Reports.Numbers;

namespace Gongkai.Reports.Metrics.Sentences;

/// <summary>A figure in running text whose label words are mis-decoded (“?!巴夤_”的71宗).</summary>
internal sealed record DamagedPhrase(decimal Value, int Start, int End, string? Section);

/// <summary>
/// Places narrative figures whose label was mis-decoded upstream. Reports list request outcomes in the order of the
/// statistics table (已主动公开, 同意公开, 同意部分公开, 不同意公开, 非本机关, 不存在, 补正, 其他途径). A damaged
/// figure gets a key only when that is certain: exactly one outcome not yet stated lies between the outcomes
/// read before and after it in the same paragraph, and the paragraph's outcomes — damaged ones included — add up to
/// the number of requests answered. Anything less certain is reported as damaged and left out.
/// </summary>
internal static class NarrativeRecovery
{
    private static readonly (string Key, string Label)[] Order =
    [
        (MetricKeys.RequestsAlreadyPublic, "属于已主动公开范围"),
        (MetricKeys.RequestsGranted, "同意公开"),
        (MetricKeys.RequestsPartiallyGranted, "同意部分公开"),
        (MetricKeys.RequestsDeniedTotal, "不同意公开"),
        (MetricKeys.RequestsNotThisAgency, "非本机关政府信息"),
        (MetricKeys.RequestsNotExist, "信息不存在"),
        (MetricKeys.RequestsAskedToAmend, "告知作出更改补充"),
        (MetricKeys.RequestsReferredElsewhere, "告知通过其他途径办理"),
    ];

    public static bool IsOutcome(string key) => Array.FindIndex(Order, o => o.Key == key) >= 0;

    public static void Resolve(string text, string match, FigureSet figures, List<(string Key, int Start, decimal Value)> outcomes, List<DamagedPhrase> damaged)
    {
        foreach (var phrase in damaged)
        {
            var paragraphStart = match.LastIndexOf('\n', Math.Max(0, phrase.Start - 1)) + 1;
            var paragraphEnd = match.IndexOf('\n', phrase.End);
            if (paragraphEnd < 0)
            {
                paragraphEnd = match.Length;
            }

            var inParagraph = outcomes.Where(o => o.Start >= paragraphStart && o.Start < paragraphEnd).ToList();
            var before = inParagraph.LastOrDefault(o => o.Start < phrase.Start);
            var after = inParagraph.FirstOrDefault(o => o.Start > phrase.Start);
            var low = before.Key is null ? -1 : Index(before.Key);
            var high = after.Key is null ? Order.Length : Index(after.Key);
            var candidates = new List<int>();
            for (var i = low + 1; i < high; i++)
            {
                if (!figures.Contains(Order[i].Key))
                {
                    candidates.Add(i);
                }
            }

            var written = text[phrase.Start..phrase.End].Trim();
            var damagedInParagraph = damaged.Where(d => d.Start >= paragraphStart && d.Start < paragraphEnd).Sum(d => d.Value);
            var sum = inParagraph.Sum(o => o.Value) + damagedInParagraph;
            var balanced = figures.TryGet(MetricKeys.RequestsProcessedTotal, out var answered) && sum == answered;
            var byTail = candidates.Count > 1 ? ByReadableTail(match, phrase, candidates) : -1;
            if (before.Key is not null && after.Key is not null && (candidates.Count == 1 || byTail >= 0) && balanced)
            {
                var (key, label) = Order[candidates.Count == 1 ? candidates[0] : byTail];
                var why = candidates.Count == 1
                    ? $"the only outcome between {Order[low].Label} and {Order[high].Label} in the report's order"
                    : $"the words still readable before it end {label}'s, and it lies between {Order[low].Label} and {Order[high].Label} in the report's order";
                var note = $"the words before the figure are mis-decoded (“{written}”); it is {label}: {why}, and with it the outcomes add up to the {NumberReader.Format(answered)} requests answered.";
                figures.Add(key, phrase.Value, new MetricProvenance
                {
                    Kind = ProvenanceKinds.Recovered,
                    Section = phrase.Section,
                    Start = phrase.Start,
                    End = phrase.End,
                    Text = written,
                    Note = note,
                });
                figures.Problem(ProblemCodes.FiguresRecovered, $"{key}: {note}", key, phrase.Start, phrase.End);
                continue;
            }

            var could = candidates.Count == 0 ? "no outcome key" : string.Join(", ", candidates.Select(i => Order[i].Key));
            figures.Problem(
                ProblemCodes.FiguresDamaged,
                $"A figure of {NumberReader.Format(phrase.Value)} is stated with mis-decoded words (“{written}”); it could be {could}, which its place does not settle; left out.",
                null,
                phrase.Start,
                phrase.End);
        }
    }

    private static int Index(string key) => Array.FindIndex(Order, o => o.Key == key);

    /// <summary>
    /// The candidate whose label alone ends with the words left readable just before the figure (“胺潜緳C關政府信息”的5宗
    /// still shows 关政府信息, the end of 非本机关政府信息), or -1. At least three readable characters are required.
    /// </summary>
    private static int ByReadableTail(string match, DamagedPhrase phrase, List<int> candidates)
    {
        // Back from the phrase's end over the unit and the figure.
        var end = phrase.End;
        while (end > phrase.Start && (NumberReader.IsDigit(match[end - 1]) || NumberReader.IsSpace(match[end - 1]) || match[end - 1] is '件' or '宗' or '起' or '个' or '份' or '次'))
        {
            end--;
        }

        // Back over the quote and 的 that follow the label.
        while (end > phrase.Start && match[end - 1] is '的' or '”' or '"' or '“' or '」' or ' ')
        {
            end--;
        }

        var start = end;
        while (start > phrase.Start && end - start < 8 && IsHan(match[start - 1]))
        {
            start--;
        }

        for (var length = end - start; length >= 3; length--)
        {
            var tail = match.AsSpan(end - length, length);
            var found = -1;
            foreach (var candidate in candidates)
            {
                if (Order[candidate].Label.AsSpan().EndsWith(tail, StringComparison.Ordinal))
                {
                    if (found >= 0)
                    {
                        found = -2;
                        break;
                    }

                    found = candidate;
                }
            }

            if (found >= 0)
            {
                return found;
            }
        }

        return -1;
    }

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF';
}
