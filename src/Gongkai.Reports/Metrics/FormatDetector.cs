using Gongkai.Reports.Metrics.Tables;

namespace Gongkai.Reports.Metrics;

/// <summary>
/// Tells the report's format from what it contains: the tables' own vocabulary first (2021: 本年制发件数 …,
/// （六）其他处理 split in three; 2019: 本年新制作数量 …, 上一年项目数量), then the 2019+ section headings with the
/// report year (for copies that lost their tables), then the pre-2019 narrative or 统计表.
/// </summary>
internal static class FormatDetector
{
    private static readonly string[] Vocabulary2021 = ["本年制发件数", "本年废止件数", "现行有效件数", "逾期不补正", "本年收费金额"];
    private static readonly string[] Vocabulary2019 = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量"];
    private static readonly string[] Headings2019 = ["收到和处理政府信息公开申请情况", "政府信息公开行政复议", "存在的主要问题及改进情况", "其他需要报告的事项"];
    private static readonly string[] Table3Vocabulary = ["本年新收政府信息公开申请", "上年结转政府信息公开申请", "本年度办理结果", "结转下年度继续办理"];
    private static readonly string[] PreVocabulary =
        ["依申请公开政府信息情况", "依申请公开政府信息", "主动公开政府信息情况", "政府信息公开情况统计表", "统计指标", "申请情况", "咨询情况", "收费及减免", "信息公开工作年度报告", "信息公开年度报告"];

    public static string Detect(ReportDocument document, TableReadContext tables)
    {
        var text = MatchFold.Fold(document.MatchText);
        if (tables.Table2Layout == ReportFormats.Format2021 || tables.Table3HasOtherSubRows || AnyIn(text, Vocabulary2021))
        {
            return ReportFormats.Format2021;
        }

        if (tables.Table2Layout == ReportFormats.Format2019 || AnyIn(text, Vocabulary2019))
        {
            return ReportFormats.Format2019;
        }

        var sectionHeadings = CompactHeadings(document);
        var headings = Headings2019.Count(h => HeadingPresent(text, h) || sectionHeadings.Any(s => s.Contains(h, StringComparison.Ordinal)));
        if (tables.FoundTable3 || tables.FoundTable4 || AnyIn(text, Table3Vocabulary) || headings >= 2)
        {
            return document.ReportYear is >= 2021 ? ReportFormats.Format2021 : ReportFormats.Format2019;
        }

        if (tables.FoundStatistics || AnyIn(text, PreVocabulary) || headings > 0)
        {
            return document.ReportYear is >= 2019 ? (headings > 0 ? ReportFormats.Format2019 : ReportFormats.Unknown) : ReportFormats.Pre2019;
        }

        return document.ReportYear is <= 2018 && text.Contains("政府信息公开", StringComparison.Ordinal) ? ReportFormats.Pre2019 : ReportFormats.Unknown;
    }

    /// <summary>The formats whose tables 表二, 表三 and 表四 a complete report must have.</summary>
    public static bool NeedsTables(string format) => format is ReportFormats.Format2019 or ReportFormats.Format2021;

    // The section headings without their spaces (三、收到和处理政府信息公开申请 情况 in a text copy), to look for the
    // 2019+ headings in; there are a handful per report.
    private static List<string> CompactHeadings(ReportDocument document)
    {
        var headings = new List<string>(document.Sections.Count);
        foreach (var section in document.Sections)
        {
            var heading = MatchFold.Fold(ChineseScript.ToMatchText(section.Heading));
            headings.Add(string.Concat(heading.Where(c => !char.IsWhiteSpace(c))));
        }

        return headings;
    }

    private static bool AnyIn(string text, string[] words)
    {
        foreach (var w in words)
        {
            if (text.Contains(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the phrase opens a line (after at most a few characters of numbering: 三、 / （三） / 3.).</summary>
    private static bool HeadingPresent(string text, string phrase)
    {
        var from = 0;
        while (true)
        {
            var at = text.IndexOf(phrase, from, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            var k = at - 1;
            var prefix = 0;
            while (k >= 0 && text[k] != '\n' && prefix <= 5)
            {
                k--;
                prefix++;
            }

            if (k < 0 || text[k] == '\n')
            {
                if (prefix <= 5)
                {
                    return true;
                }
            }

            from = at + phrase.Length;
        }
    }
}
