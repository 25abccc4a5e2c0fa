namespace Gongkai.Reports.Tests.Metrics;

/// <summary>
/// Fixture reports in the real layouts, written for these tests. 表三's figures (applicant columns 自然人, 商业企业,
/// 科研机构, 社会公益组织, 法律服务机构, 其他) are chosen so that every DOMAIN rule holds:
/// 一 = 61 (43, 11, 1, 0, 4, 2), 二 = 4, （七） = 57 (41, 10, 1, 0, 3, 2), 四 = 8; 61 + 4 = 57 + 8.
/// </summary>
internal static class ReportFixtures
{
    public static readonly int[] Granted = [20, 5, 1, 0, 2, 2];
    public static readonly int[] Partial = [4, 2, 0, 0, 0, 0];
    public static readonly int[][] Denied = [[0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]];
    public static readonly int[][] Unable = [[7, 1, 0, 0, 1, 0], [2, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0]];
    public static readonly int[][] NotProcessed = [[2, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]];
    public static readonly int[][] Other2021 = [[1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0]];
    public static readonly int[] CarriedOver = [3, 1, 0, 0, 0, 0];
    public static readonly int[] CarriedForward = [5, 2, 0, 0, 1, 0];

    public static readonly string[] DeniedLabels =
        ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"];

    public static readonly string[] UnableLabels = ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"];

    public static readonly string[] NotProcessedLabels = ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"];

    public static readonly string[] Other2021Labels =
        ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"];

    /// <summary>（七） per column: the outcome rows summed.</summary>
    public static int[] Processed(bool with2021Other = true)
    {
        var rows = new List<int[]> { Granted, Partial };
        rows.AddRange(Denied);
        rows.AddRange(Unable);
        rows.AddRange(NotProcessed);
        rows.AddRange(with2021Other ? Other2021 : [Other2019]);
        return Enumerable.Range(0, 6).Select(c => rows.Sum(r => r[c])).ToArray();
    }

    public static int[] Other2019 => Enumerable.Range(0, 6).Select(c => Other2021.Sum(r => r[c])).ToArray();

    /// <summary>一 per column: 三（七） + 四 − 二.</summary>
    public static int[] NewReceived(bool with2021Other = true)
    {
        var processed = Processed(with2021Other);
        return Enumerable.Range(0, 6).Select(c => processed[c] + CarriedForward[c] - CarriedOver[c]).ToArray();
    }

    /// <summary>Six applicant figures and their 总计, as cells.</summary>
    public static string[] Figures(int[] values) => [.. values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), values.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture)];

    public static string[] Row(params string[][] parts) => parts.SelectMany(p => p).ToArray();

    public static string[][] Table3Header() =>
    [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）|r3c3", "申请人情况|c7"],
        ["自然人|r2", "法人或其他组织|c5", "总计|r2"],
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
    ];

    /// <summary>A 2021 Word-export page: 表二, 表三 split over two &lt;table&gt;s inside (三), 表四; merged cells throughout.</summary>
    public static DocumentBuilder Report2021(Func<string[][], string[][]>? alterTable3 = null)
    {
        var b = new DocumentBuilder { Year = 2022 };
        b.Section("overview", "一、总体情况");
        b.Line("2022年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请61件。");
        b.Section("proactive", "二、主动公开政府信息情况");
        b.Table(
            ["第二十条第（一）项|c4"],
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "0", "0", "2"],
            ["行政规范性文件", "5", "1", "38"],
            ["第二十条第（五）项|c4"],
            ["信息内容", "本年处理决定数量|c3"],
            ["行政许可", "2,417|c3"],
            ["第二十条第（六）项|c4"],
            ["信息内容", "本年处理决定数量|c3"],
            ["行政处罚", "306|c3"],
            ["行政强制", "|c3"],
            ["第二十条第（八）项|c4"],
            ["信息内容", "本年收费金额（单位：万元）|c3"],
            ["行政事业性收费", "８.５|c3"]);
        b.Section("requests", "三、收到和处理政府信息公开申请情况");

        var head = Table3Header();
        var first = new List<string[]>(head)
        {
            Row(["一、本年新收政府信息公开申请数量|c3"], Figures(NewReceived())),
            Row(["二、上年结转政府信息公开申请数量|c3"], Figures(CarriedOver)),
            Row(["三、本年度办理结果|r22", "（一）予以公开|c2"], Figures(Granted)),
            Row(["（二）部分公开（区分处理的，只计这一情形，不计其他情形）|c2"], Figures(Partial)),
            Row(["（三）不予公开|r4", DeniedLabels[0]], Figures(Denied[0])),
        };
        for (var i = 1; i < 4; i++)
        {
            first.Add(Row([DeniedLabels[i]], Figures(Denied[i])));
        }

        // The Word export broke the table inside （三）: the continuation repeats neither 三、 nor （三）.
        var second = new List<string[]> { Row(["|r16", "|r4", DeniedLabels[4]], Figures(Denied[4])) };
        for (var i = 5; i < 8; i++)
        {
            second.Add(Row([DeniedLabels[i]], Figures(Denied[i])));
        }

        second.Add(Row(["（四）无法提供|r3", UnableLabels[0]], Figures(Unable[0])));
        second.Add(Row([UnableLabels[1]], Figures(Unable[1])));
        second.Add(Row([UnableLabels[2]], Figures(Unable[2])));
        second.Add(Row(["（五）不予处理|r5", NotProcessedLabels[0]], Figures(NotProcessed[0])));
        for (var i = 1; i < 5; i++)
        {
            second.Add(Row([NotProcessedLabels[i]], Figures(NotProcessed[i])));
        }

        second.Add(Row(["（六）其他处理|r3", Other2021Labels[0]], Figures(Other2021[0])));
        second.Add(Row([Other2021Labels[1]], Figures(Other2021[1])));
        second.Add(Row([Other2021Labels[2]], Figures(Other2021[2])));
        second.Add(Row(["（七）总计|c2"], Figures(Processed())));
        second.Add(Row(["四、结转下年度继续办理|c3"], Figures(CarriedForward)));

        var firstRows = first.ToArray();
        var secondRows = second.ToArray();
        if (alterTable3 is not null)
        {
            var all = alterTable3([.. firstRows, .. secondRows]);
            firstRows = all[..firstRows.Length];
            secondRows = all[firstRows.Length..];
        }

        b.Table(firstRows);
        b.Table(secondRows);
        b.Section("review_litigation", "四、政府信息公开行政复议、行政诉讼情况");
        b.Table(
            ["行政复议|c5", "行政诉讼|c10"],
            ["结果维持|r2", "结果纠正|r2", "其他结果|r2", "尚未审结|r2", "总计|r2", "未经复议直接起诉|c5", "复议后起诉|c5"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
            ["4", "1", "0", "2", "7", "3", "0", "0", "1", "4", "1", "1", "0", "0", "2"]);
        b.Section("problems", "五、存在的主要问题及改进情况");
        b.Line("一是公开内容还不够全面。下一步，本局将加强培训。");
        b.Section("other", "六、其他需要报告的事项");
        b.Line("本年度收取信息处理费0元。");
        return b;
    }
}
