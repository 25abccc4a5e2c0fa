using System.Globalization;
using System.Text;

namespace Gongkai.Testing.ReportPages;

/// <summary>
/// Generates realistic annual-report pages for tests and benchmarks: a CMS page with chrome (navigation,
/// breadcrumb, font-size widget, footer) around a Word-exported body — every cell a <c>&lt;p class="MsoNormal"&gt;
/// &lt;span&gt;</c>, merged cells, blank cells as <c>&amp;nbsp;</c>, 表三 split over two <c>&lt;table&gt;</c>s — in the
/// 2021, 2019 or pre-2019 format, with consistent, seeded figures. The same seed gives the same page.
/// </summary>
public static class ReportPageGenerator
{
    private static readonly string[] Districts = ["东城区", "西湖区", "南山区", "江北区", "鼓楼区", "新华区", "城关镇", "高新区"];
    private static readonly string[] Agencies = ["人民政府", "人民政府办公室", "财政局", "自然资源局", "市场监督管理局", "教育局", "卫生健康局"];

    private static readonly string[] Filler =
    [
        "坚持以公开为常态、不公开为例外，围绕中心工作，不断加大政府信息公开力度，切实保障人民群众的知情权、参与权、表达权和监督权。",
        "进一步完善政府信息公开工作机制，明确分管领导和工作人员，建立健全信息发布协调、保密审查、依申请公开办理等制度。",
        "加强政府网站和政务新媒体建设管理，及时发布政策文件、工作动态和公示公告，提升信息发布的权威性和时效性。",
        "围绕优化营商环境、乡村振兴、生态环境保护等重点领域，持续做好政策解读和回应关切，主动回应社会关切。",
        "组织开展政务公开业务培训，邀请专家解读《中华人民共和国政府信息公开条例》，提升工作人员业务能力和服务水平。",
        "严格落实政府信息公开属性源头认定机制，对拟公开的政府信息依法依规进行审查，确保公开内容合法、准确、完整。",
        "规范依申请公开受理、办理、答复等环节，严格按照法定时限答复，提高答复文书的规范性和准确性。",
    ];

    public static GeneratedReport Generate(string format, int seed, int targetBytes = 50_000)
    {
        var random = new Random(seed);
        var year = format switch
        {
            "2021" => 2021 + random.Next(3),
            "2019" => 2019 + random.Next(2),
            _ => 2010 + random.Next(9),
        };
        var agency = Districts[random.Next(Districts.Length)] + Agencies[random.Next(Agencies.Length)];
        var title = $"{agency}{year}年政府信息公开工作年度报告";
        var figures = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var body = new StringBuilder(targetBytes);
        if (format == "pre2019")
        {
            Pre2019Body(body, random, year, figures, targetBytes);
        }
        else
        {
            ModernBody(body, random, year, format == "2021", figures, targetBytes);
        }

        var page = new StringBuilder(targetBytes + 8_000);
        page.Append("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">");
        page.Append("<title>").Append(title).Append("_政府信息公开年报</title>");
        page.Append("<style>.nav li{float:left}.footer{clear:both}</style><script>var pageCount=1;function share(){}</script></head><body>");
        page.Append("<div class=\"top\"><ul class=\"nav\">");
        foreach (var item in new[] { "首页", "政务公开", "政务服务", "互动交流", "走进" + Districts[seed % Districts.Length], "专题专栏" })
        {
            page.Append("<li><a href=\"/").Append(item.Length).Append("/index.html\">").Append(item).Append("</a></li>");
        }

        page.Append("</ul></div><div class=\"position\">您现在的位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> &gt; 政府信息公开年报</div>");
        page.Append("<div class=\"article\"><h1>").Append(title).Append("</h1>");
        page.Append("<div class=\"info\">发布日期：").Append(year + 1).Append("-01-2").Append(seed % 9 + 1).Append(" 来源：").Append(agency).Append(" 【字号：<a>大</a> <a>中</a> <a>小</a>】</div>");
        page.Append("<div class=\"TRS_Editor\"><div class=\"WordSection1\">").Append(body).Append("</div></div></div>");
        page.Append("<div class=\"share\">分享到：微信 微博 扫一扫在手机打开当前页</div>");
        page.Append("<div class=\"footer\"><p>版权所有：").Append(agency).Append(" 网站标识码：4401150002 ICP备案号：粤ICP备19092744号</p></div></body></html>");
        var html = page.ToString();
        return new GeneratedReport(format, $"{format}-{seed}.html", Encoding.UTF8.GetBytes(html), figures);
    }

    private static void ModernBody(StringBuilder b, Random random, int year, bool is2021, Dictionary<string, decimal> figures, int targetBytes)
    {
        Heading(b, "一、总体情况");
        Paragraph(b, $"{year}年，本机关深入贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。");
        var fillTo = targetBytes * 2 / 5;
        var i = 0;
        while (b.Length * 3 < fillTo)
        {
            Paragraph(b, $"（{Numeral(i % 9 + 1)}）" + Filler[random.Next(Filler.Length)] + Filler[random.Next(Filler.Length)]);
            i++;
        }

        Heading(b, "二、主动公开政府信息情况");
        var licensing = random.Next(100, 5000);
        figures["proactive.licensing.decisions"] = licensing;
        b.Append("<table class=\"MsoNormalTable\" border=\"1\" cellspacing=\"0\" cellpadding=\"0\">");
        Tr(b, [("第二十条第（一）项", 1, 4)]);
        Tr(b, is2021 ? [("信息内容", 1, 1), ("本年制发件数", 1, 1), ("本年废止件数", 1, 1), ("现行有效件数", 1, 1)] : [("信息内容", 1, 1), ("本年新制作数量", 1, 1), ("本年新公开数量", 1, 1), ("对外公开总数量", 1, 1)]);
        Tr(b, [("规章", 1, 1), ("0", 1, 1), ("0", 1, 1), ("0", 1, 1)]);
        Tr(b, [(is2021 ? "行政规范性文件" : "规范性文件", 1, 1), (N(random.Next(1, 20)), 1, 1), (N(random.Next(0, 5)), 1, 1), (N(random.Next(20, 90)), 1, 1)]);
        Tr(b, [("第二十条第（五）项", 1, 4)]);
        Tr(b, is2021 ? [("信息内容", 1, 1), ("本年处理决定数量", 1, 3)] : [("信息内容", 1, 1), ("上一年项目数量", 1, 1), ("本年增/减", 1, 1), ("处理决定数量", 1, 1)]);
        Tr(b, is2021 ? [("行政许可", 1, 1), (licensing.ToString("N0", CultureInfo.InvariantCulture), 1, 3)] : [("行政许可", 1, 1), (N(random.Next(10, 90)), 1, 1), ("&nbsp;", 1, 1), (licensing.ToString("N0", CultureInfo.InvariantCulture), 1, 1)]);
        Tr(b, [("第二十条第（六）项", 1, 4)]);
        Tr(b, is2021 ? [("信息内容", 1, 1), ("本年处理决定数量", 1, 3)] : [("信息内容", 1, 1), ("上一年项目数量", 1, 1), ("本年增/减", 1, 1), ("处理决定数量", 1, 1)]);
        foreach (var name in new[] { "行政处罚", "行政强制" })
        {
            Tr(b, is2021 ? [(name, 1, 1), (N(random.Next(0, 800)), 1, 3)] : [(name, 1, 1), (N(random.Next(0, 30)), 1, 1), ("0", 1, 1), (N(random.Next(0, 800)), 1, 1)]);
        }

        Tr(b, [("第二十条第（八）项", 1, 4)]);
        Tr(b, is2021 ? [("信息内容", 1, 1), ("本年收费金额（单位：万元）", 1, 3)] : [("信息内容", 1, 1), ("上一年项目数量", 1, 1), ("本年增/减", 1, 2)]);
        Tr(b, is2021 ? [("行政事业性收费", 1, 1), ((random.Next(0, 5000) / 100m).ToString(CultureInfo.InvariantCulture), 1, 3)] : [("行政事业性收费", 1, 1), (N(random.Next(0, 9)), 1, 1), ("&nbsp;", 1, 2)]);
        b.Append("</table>");

        Heading(b, "三、收到和处理政府信息公开申请情况");
        Table3(b, random, is2021, figures);

        Heading(b, "四、政府信息公开行政复议、行政诉讼情况");
        var groups = new int[3][];
        for (var g = 0; g < 3; g++)
        {
            groups[g] = [random.Next(0, 5), random.Next(0, 3), random.Next(0, 2), random.Next(0, 2), 0];
            groups[g][4] = groups[g][0] + groups[g][1] + groups[g][2] + groups[g][3];
        }

        figures["reconsideration.total"] = groups[0][4];
        figures["litigation.total"] = groups[1][4] + groups[2][4];
        b.Append("<table class=\"MsoNormalTable\" border=\"1\" cellspacing=\"0\" cellpadding=\"0\">");
        Tr(b, [("行政复议", 1, 5), ("行政诉讼", 1, 10)]);
        Tr(b, [("结果维持", 2, 1), ("结果纠正", 2, 1), ("其他结果", 2, 1), ("尚未审结", 2, 1), ("总计", 2, 1), ("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)]);
        Tr(b, [.. Enumerable.Repeat(new[] { "结果维持", "结果纠正", "其他结果", "尚未审结", "总计" }, 2).SelectMany(x => x).Select(x => (x, 1, 1))]);
        Tr(b, [.. groups.SelectMany(g => g).Select(v => (N(v), 1, 1))]);
        b.Append("</table>");

        Heading(b, "五、存在的主要问题及改进情况");
        while (b.Length * 3 < targetBytes * 5 / 6)
        {
            Paragraph(b, Filler[random.Next(Filler.Length)]);
        }

        Heading(b, "六、其他需要报告的事项");
        var fee = random.Next(0, 3) * 50;
        figures["fees.amount_yuan"] = fee;
        Paragraph(b, $"本年度本机关收取信息处理费{fee}元。");
    }

    private static void Table3(StringBuilder b, Random random, bool is2021, Dictionary<string, decimal> figures)
    {
        // Outcome rows: (label, group label, group size); numbers per applicant column.
        var rows = new List<(string Label, string? Group, int[] Values)>();
        int[] Row(int scale) => [random.Next(0, scale * 4 + 1), random.Next(0, scale + 1), 0, 0, random.Next(0, 2), random.Next(0, scale + 1)];
        rows.Add(("（一）予以公开", null, Row(8)));
        rows.Add(("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", null, Row(2)));
        foreach (var l in new[] { "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项" })
        {
            rows.Add((l, "（三）不予公开", Row(1)));
        }

        foreach (var l in new[] { "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确" })
        {
            rows.Add((l, "（四）无法提供", Row(2)));
        }

        foreach (var l in new[] { "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息" })
        {
            rows.Add((l, "（五）不予处理", Row(1)));
        }

        if (is2021)
        {
            foreach (var l in new[] { "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他" })
            {
                rows.Add((l, "（六）其他处理", Row(1)));
            }
        }
        else
        {
            rows.Add(("（六）其他处理", null, Row(1)));
        }

        var processed = Enumerable.Range(0, 6).Select(c => rows.Sum(r => r.Values[c])).ToArray();
        var carriedOver = Enumerable.Range(0, 6).Select(c => random.Next(0, processed[c] / 4 + 1)).ToArray();
        var carriedForward = Enumerable.Range(0, 6).Select(c => random.Next(0, 3)).ToArray();
        var received = Enumerable.Range(0, 6).Select(c => processed[c] + carriedForward[c] - carriedOver[c]).ToArray();
        figures["requests.new_received"] = received.Sum();
        figures["requests.new_received:natural_person"] = received[0];
        figures["requests.carried_over"] = carriedOver.Sum();
        figures["requests.processed_total"] = processed.Sum();
        figures["requests.carried_forward"] = carriedForward.Sum();
        figures["requests.granted"] = rows[0].Values.Sum();

        (string, int, int)[] Figures(int[] v) => [.. v.Select(x => (N(x), 1, 1)), (N(v.Sum()), 1, 1)];
        b.Append("<table class=\"MsoNormalTable\" border=\"1\" cellspacing=\"0\" cellpadding=\"0\">");
        Tr(b, [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情况", 1, 7)]);
        Tr(b, [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)]);
        Tr(b, [("商业企业", 1, 1), ("科研机构", 1, 1), ("社会公益组织", 1, 1), ("法律服务机构", 1, 1), ("其他", 1, 1)]);
        Tr(b, [("一、本年新收政府信息公开申请数量", 1, 3), .. Figures(received)]);
        Tr(b, [("二、上年结转政府信息公开申请数量", 1, 3), .. Figures(carriedOver)]);

        // The Word export breaks the table after the fourth row of （三）, as real pages often do.
        var resultRows = rows.Count + 1;
        var splitAt = 6;
        string? currentGroup = null;
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = new List<(string, int, int)>();
            if (r == 0)
            {
                cells.Add(("三、本年度办理结果", splitAt, 1));
            }
            else if (r == splitAt)
            {
                b.Append("</table><p class=\"MsoNormal\">&nbsp;</p><table class=\"MsoNormalTable\" border=\"1\" cellspacing=\"0\" cellpadding=\"0\">");
                cells.Add(("&nbsp;", resultRows - splitAt, 1));
            }

            var (label, group, values) = rows[r];
            if (group is null)
            {
                cells.Add((label, 1, 2));
                currentGroup = null;
            }
            else
            {
                if (group != currentGroup || r == splitAt)
                {
                    var span = rows.Skip(r).TakeWhile(x => x.Group == group).Count();
                    if (r < splitAt)
                    {
                        span = Math.Min(span, splitAt - r);
                    }

                    cells.Add((group == currentGroup ? "&nbsp;" : group, span, 1));
                    currentGroup = group;
                }

                cells.Add((label, 1, 1));
            }

            cells.AddRange(Figures(values));
            Tr(b, [.. cells]);
        }

        Tr(b, [("（七）总计", 1, 2), .. Figures(processed)]);
        Tr(b, [("四、结转下年度继续办理", 1, 3), .. Figures(carriedForward)]);
        b.Append("</table>");
    }

    private static void Pre2019Body(StringBuilder b, Random random, int year, Dictionary<string, decimal> figures, int targetBytes)
    {
        var items = random.Next(500, 60000);
        var received = random.Next(5, 400);
        var alreadyPublic = random.Next(0, received / 5 + 1);
        var granted = random.Next(0, received - alreadyPublic + 1);
        var partial = random.Next(0, received - alreadyPublic - granted + 1);
        var notExist = received - alreadyPublic - granted - partial;
        var reconsideration = random.Next(0, 4);
        figures["proactive.total_items"] = items;
        figures["requests.new_received"] = received;
        figures["requests.processed_total"] = received;
        figures["requests.granted"] = granted;
        figures["requests.partially_granted"] = partial;
        figures["reconsideration.total"] = reconsideration;
        figures["litigation.total"] = 0;

        Heading(b, "一、概述");
        while (b.Length * 3 < targetBytes * 2 / 5)
        {
            Paragraph(b, Filler[random.Next(Filler.Length)] + Filler[random.Next(Filler.Length)]);
        }

        Heading(b, "二、主动公开政府信息情况");
        Paragraph(b, $"{year}年，全年主动公开政府信息{items}条，其中通过政府网站公开{items - random.Next(0, items / 10 + 1)}条。");
        Heading(b, "三、依申请公开政府信息情况");
        Paragraph(b, $"（一）申请情况。{year}年共受理政府信息公开申请{received}件，其中当面申请{received / 2}件，网上申请{received - received / 2}件。");
        Paragraph(b, $"（二）申请处理情况。已经答复的{received}件，其中属于已主动公开范围的{alreadyPublic}件；“同意公开”{granted}件；“同意部分公开”的{partial}件；“信息不存在”的{notExist}件。");
        Heading(b, "四、政府信息公开的收费及减免情况");
        Paragraph(b, $"{year}年没有收取任何费用。");
        Heading(b, "五、因政府信息公开申请行政复议、提起行政诉讼的情况");
        Paragraph(b, $"{year}年发生政府信息公开行政复议案{reconsideration}件，没有发生针对本机关政府信息公开事务的行政诉讼。");
        Heading(b, "六、存在的主要问题和改进措施");
        while (b.Length * 3 < targetBytes * 4 / 5)
        {
            Paragraph(b, Filler[random.Next(Filler.Length)]);
        }

        Heading(b, "七、说明与附表");
        Paragraph(b, $"{year}年度政府信息公开情况统计表");
        b.Append("<table class=\"MsoNormalTable\" border=\"1\" cellspacing=\"0\" cellpadding=\"0\">");
        Tr(b, [("统计指标", 1, 1), ("单位", 1, 1), ("统计数", 1, 1)]);
        void Stat(string label, string unit, string value) => Tr(b, [(label, 1, 1), (unit, 1, 1), (value, 1, 1)]);
        Stat("一、主动公开情况", "——", "——");
        Stat("（一）主动公开政府信息数", "条", N(items));
        Stat("三、依申请公开情况", "——", "——");
        Stat("（一）收到申请数", "件", N(received));
        Stat("（三）申请答复数", "件", N(received));
        Stat("1.属于已主动公开范围数", "件", N(alreadyPublic));
        Stat("2.同意公开答复数", "件", N(granted));
        Stat("3.同意部分公开答复数", "件", N(partial));
        Stat("6.申请信息不存在数", "件", N(notExist));
        Stat("四、行政复议数量", "件", N(reconsideration));
        Stat("五、行政诉讼数量", "件", "0");
        Stat("七、依申请公开信息收取的费用", "万元", "0");
        b.Append("</table>");
        figures["fees.amount_yuan"] = 0;
    }

    private static void Heading(StringBuilder b, string text) =>
        b.Append("<p class=\"MsoNormal\" style=\"text-indent:32.0pt;line-height:28.0pt\"><b><span style=\"font-size:16.0pt;font-family:黑体\">").Append(text).Append("</span></b></p>\n");

    private static void Paragraph(StringBuilder b, string text) =>
        b.Append("<p class=\"MsoNormal\" style=\"text-indent:32.0pt;line-height:28.0pt\"><span style=\"font-size:16.0pt;font-family:仿宋_GB2312\">").Append(text).Append("</span></p>\n");

    private static void Tr(StringBuilder b, (string Text, int RowSpan, int ColSpan)[] cells)
    {
        b.Append("<tr style=\"height:20.0pt\">");
        foreach (var (text, rowSpan, colSpan) in cells)
        {
            b.Append("<td width=\"60\"");
            if (rowSpan > 1)
            {
                b.Append(" rowspan=\"").Append(rowSpan).Append('"');
            }

            if (colSpan > 1)
            {
                b.Append(" colspan=\"").Append(colSpan).Append('"');
            }

            b.Append(" valign=\"center\" style=\"border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt\"><p class=\"MsoNormal\" align=\"center\" style=\"text-align:center\"><span style=\"font-size:10.5pt;font-family:宋体\">")
                .Append(text).Append("</span></p></td>");
        }

        b.Append("</tr>\n");
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Numeral(int n) => "一二三四五六七八九"[n - 1].ToString();
}
