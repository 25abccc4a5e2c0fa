namespace Gongkai.Reports.Sections;

/// <summary>The canonical section kinds, and which one a heading names.</summary>
public static class SectionKinds
{
    public const string Overview = "overview";
    public const string Proactive = "proactive";
    public const string Requests = "requests";
    public const string Consultations = "consultations";
    public const string Fees = "fees";
    public const string ReviewLitigation = "review_litigation";
    public const string Problems = "problems";
    public const string Other = "other";

    // The headings the two 条例 formats and common practice give each section. A heading cut short (一、总体,
    // 五、存在的主要) is the start of one of these; it is classed only when all the headings it starts agree.
    private static readonly (string Heading, string Kind)[] FullHeadings =
    [
        ("总体情况", Overview),
        ("总体概况", Overview),
        ("基本情况", Overview),
        ("工作概况", Overview),
        ("主动公开政府信息情况", Proactive),
        ("主动公开政府信息的情况", Proactive),
        ("收到和处理政府信息公开申请情况", Requests),
        ("依申请公开政府信息情况", Requests),
        ("依申请公开情况", Requests),
        ("政府信息公开咨询情况", Consultations),
        ("政府信息公开的收费及减免情况", Fees),
        ("政府信息公开收费及减免情况", Fees),
        ("政府信息公开行政复议、行政诉讼情况", ReviewLitigation),
        ("因政府信息公开申请行政复议、提起行政诉讼的情况", ReviewLitigation),
        ("因政府信息公开申请提起行政复议、行政诉讼的情况", ReviewLitigation),
        ("行政复议和行政诉讼情况", ReviewLitigation),
        ("存在的主要问题及改进情况", Problems),
        ("存在的主要问题和改进措施", Problems),
        ("存在的问题和改进措施", Problems),
        ("其他需要报告的事项", Other),
        ("说明与附表", Other),
    ];

    /// <summary>
    /// The kind a heading names, from its match text (Simplified). The order of the tests matters: a heading
    /// about 因政府信息公开申请行政复议 is about review, one about 依申请公开…及咨询 is about requests.
    /// Spaces inside the heading (总 体 情 况, a no-break space from a Word export) are ignored.
    /// </summary>
    public static string Of(string matchHeading)
    {
        matchHeading = WithoutSpaces(matchHeading);
        var kind = ByKeywords(matchHeading);
        return kind == Other ? ByFullHeadingStart(matchHeading) : kind;
    }

    private static string ByKeywords(string matchHeading)
    {
        if (ContainsAny(matchHeading, "概述", "总体情况", "基本情况", "概况", "总体概况"))
        {
            return Overview;
        }

        if (ContainsAny(matchHeading, "复议", "诉讼", "申诉"))
        {
            return ReviewLitigation;
        }

        if (ContainsAny(matchHeading, "收费", "费用", "减免"))
        {
            return Fees;
        }

        if (ContainsAny(matchHeading, "主动公开"))
        {
            return Proactive;
        }

        if (ContainsAny(matchHeading, "依申请", "收到和处理", "申请情况", "申请处理", "申请公开", "处理政府信息公开申请"))
        {
            return Requests;
        }

        if (ContainsAny(matchHeading, "咨询", "谘询"))
        {
            return Consultations;
        }

        if (ContainsAny(matchHeading, "问题", "改进", "不足", "工作构想", "工作打算", "工作计划", "努力方向", "下一步"))
        {
            return Problems;
        }

        return Other;
    }

    /// <summary>
    /// The kind of the full headings that start with these words (at least two characters, up to a final 、 or
    /// colon), when they all have one kind; otherwise <see cref="Other"/>: 政府信息公开 starts both the fees and the
    /// review headings, and words of their own (总体要求) start none.
    /// </summary>
    private static string ByFullHeadingStart(string matchHeading)
    {
        var start = matchHeading.AsSpan().TrimEnd("、,，:：.。");
        if (start.Length < 2)
        {
            return Other;
        }

        string? found = null;
        foreach (var (heading, kind) in FullHeadings)
        {
            if (heading.AsSpan().StartsWith(start, StringComparison.Ordinal))
            {
                if (found is not null && found != kind)
                {
                    return Other;
                }

                found = kind;
            }
        }

        return found ?? Other;
    }

    private static string WithoutSpaces(string text)
    {
        var spaces = 0;
        foreach (var c in text)
        {
            if (IsSpace(c))
            {
                spaces++;
            }
        }

        if (spaces == 0)
        {
            return text;
        }

        return string.Create(text.Length - spaces, text, static (destination, source) =>
        {
            var k = 0;
            foreach (var c in source)
            {
                if (!IsSpace(c))
                {
                    destination[k++] = c;
                }
            }
        });
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF';

    private static bool ContainsAny(string text, params ReadOnlySpan<string> words)
    {
        foreach (var word in words)
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
