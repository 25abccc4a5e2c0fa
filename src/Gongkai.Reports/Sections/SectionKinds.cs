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

    /// <summary>
    /// The kind a heading names, from its match text (Simplified). The order of the tests matters: a heading
    /// about 因政府信息公开申请行政复议 is about review, one about 依申请公开…及咨询 is about requests.
    /// </summary>
    public static string Of(string matchHeading)
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
