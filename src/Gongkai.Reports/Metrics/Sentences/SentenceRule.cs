namespace Gongkai.Reports.Metrics.Sentences;

/// <summary>
/// How a figure is recognised in running text: words that must stand before the number in its clause (each
/// inner array is a set of alternatives, all sets required), words that may instead follow it, words that rule
/// the clause out, the units the figure is counted in, and the sections it may be read in.
/// </summary>
internal sealed record SentenceRule(string Key, string[] Units)
{
    public string[][] Before { get; init; } = [];

    /// <summary>When set, the rule also matches with these words after the number (and <see cref="AfterBefore"/> before it).</summary>
    public string[][]? After { get; init; }

    public string[][] AfterBefore { get; init; } = [];

    public string[] Not { get; init; } = [];

    /// <summary>A total is not read from a clause that follows 其中 in the same sentence (that is a breakdown).</summary>
    public bool IsTotal { get; init; }

    /// <summary>Read the words before the number up to the sentence start, not just the clause.</summary>
    public bool Wide { get; init; }

    /// <summary>Section kinds the rule never reads in.</summary>
    public string[] NotInSections { get; init; } = [];

    /// <summary>The key depends on whether 复议 or 诉讼 was named last in the sentence: <c>{review}</c> is replaced.</summary>
    public bool ReviewGroup { get; init; }
}

/// <summary>The sentence rules for the figures the narrative reports state.</summary>
internal static class SentenceRules
{
    private static readonly string[] ItemUnits = ["条", "件", "万条", "万件", "余条", "余件", "万余条", "万余件"];
    private static readonly string[] RequestUnits = ["件", "宗", "起", "个", "份", "次", "余件", "宗次"];
    private static readonly string[] CaseUnits = ["件", "宗", "起", "次", "个", "宗次"];
    private static readonly string[] VisitUnits = ["人次", "次", "余人次", "万人次", "万余人次", "个", "件", "万次", "万余次"];
    private static readonly string[] MoneyUnits = ["元", "万元"];
    private static readonly string[] DocumentUnits = ["件", "份", "个", "项"];

    private static readonly string[] NarrativeOnly = ["problems"];
    private static readonly string[] NotForRequests = ["proactive", "consultations", "fees", "problems"];
    private static readonly string[] Excluded = ["信箱", "热线", "12345", "留言", "来电"];

    public static IReadOnlyList<SentenceRule> All { get; } =
    [
        new(MetricKeys.ProactiveTotalItems, ItemUnits)
        {
            Before = [["主动公开"]],
            Not = ["规范性文件", "新增", "依申请", "已主动公开", "范围", "其中", "文件"],
            IsTotal = true,
            NotInSections = ["requests", "consultations", "fees", "review_litigation", "problems"],
        },
        new("proactive.normative_docs.issued", DocumentUnits)
        {
            Before = [["规范性文件"], ["制发", "制定", "出台", "印发"]],
            Not = ["废止", "清理", "失效", "修订", "备案", "审查"],
            NotInSections = ["requests", "consultations", "fees", "review_litigation", "problems"],
        },
        new(MetricKeys.RequestsNewReceived, RequestUnits)
        {
            Before = [["受理", "收到", "接到", "接收"], ["申请"]],
            After = [["申请"]],
            AfterBefore = [["受理", "收到", "接到", "接收"]],
            Not = [.. Excluded, "咨询", "谘询", "复议", "诉讼", "答复", "其中", "当面", "网上", "信函", "传真"],
            IsTotal = true,
            NotInSections = NotForRequests,
        },
        new(MetricKeys.RequestsProcessedTotal, RequestUnits)
        {
            Before = [["答复", "答覆"], ["申请", "已"]],
            Not = [.. Excluded, "超时", "延期", "逾期", "复议", "诉讼"],
            IsTotal = true,
            NotInSections = NotForRequests,
        },
        new(MetricKeys.RequestsPartiallyGranted, RequestUnits)
        {
            Before = [["部分公开"]],
            Not = [.. Excluded, "不予"],
            NotInSections = NotForRequests,
        },
        new(MetricKeys.RequestsDeniedTotal, RequestUnits)
        {
            Before = [["不予公开", "不同意公开", "不公开"]],
            Not = [.. Excluded, "部分"],
            NotInSections = NotForRequests,
        },
        new(MetricKeys.RequestsGranted, RequestUnits)
        {
            Before = [["同意公开", "予以公开", "准予公开", "全部公开"]],
            Not = [.. Excluded, "部分", "不同意", "不予"],
            NotInSections = NotForRequests,
        },
        new(MetricKeys.RequestsAlreadyPublic, RequestUnits)
        {
            Before = [["已主动公开"]],
            Not = Excluded,
            NotInSections = NotForRequests,
        },
        new(MetricKeys.RequestsNotExist, RequestUnits)
        {
            Before = [["不存在"]],
            Not = Excluded,
            NotInSections = NotForRequests,
        },
        new(MetricKeys.RequestsNotThisAgency, RequestUnits)
        {
            Before = [["非本机关", "不属于本机关", "不属于本行政机关", "非本单位", "不属于本单位", "非本部门"]],
            Not = Excluded,
            NotInSections = NotForRequests,
        },
        new(MetricKeys.RequestsAskedToAmend, RequestUnits)
        {
            Before = [["补正", "更改补充"]],
            Not = Excluded,
            NotInSections = NotForRequests,
        },
        new(MetricKeys.ByApplicantLegalTotal, RequestUnits)
        {
            Before = [["法人或其他组织", "法人和其他组织"]],
            Wide = true,
            Not = Excluded,
            NotInSections = NotForRequests,
        },
        new("requests.by_applicant.legal_person", RequestUnits)
        {
            Before = [["法人"], ["申请"]],
            Not = [.. Excluded, "其他组织"],
            Wide = true,
            NotInSections = NotForRequests,
        },
        new("requests.by_applicant.other_org", RequestUnits)
        {
            Before = [["其他组织"], ["申请"]],
            Not = [.. Excluded, "法人"],
            Wide = true,
            NotInSections = NotForRequests,
        },
        new(MetricKeys.ByApplicantNaturalPerson, RequestUnits)
        {
            Before = [["公民", "自然人"], ["申请"]],
            Not = [.. Excluded, "法人", "其他组织"],
            Wide = true,
            NotInSections = NotForRequests,
        },
        new("requests.by_channel.in_person", RequestUnits)
        {
            Before = [["当面", "现场", "窗口", "视窗"], ["申请", "提交", "递交"]],
            Not = [.. Excluded, "咨询", "答复", "复议", "诉讼", "网上", "信函", "传真"],
            NotInSections = NotForRequests,
        },
        new("requests.by_channel.online", RequestUnits)
        {
            Before = [["网上", "网络", "在线", "电子邮件", "互联网"], ["申请", "申", "提交"]],
            Not = [.. Excluded, "咨询", "答复", "复议", "诉讼", "当面", "信函", "传真"],
            NotInSections = NotForRequests,
        },
        new("requests.by_channel.mail", RequestUnits)
        {
            Before = [["信函", "邮寄", "来信"], ["申请", "提交", "递交"]],
            Not = [.. Excluded, "咨询", "答复", "复议", "诉讼", "当面", "网上", "传真"],
            NotInSections = NotForRequests,
        },
        new("requests.by_channel.fax", RequestUnits)
        {
            Before = [["传真"], ["申请", "提交", "递交"]],
            Not = [.. Excluded, "咨询", "答复", "复议", "诉讼", "当面", "网上", "信函"],
            NotInSections = NotForRequests,
        },
        new(MetricKeys.ConsultationsTotal, VisitUnits)
        {
            Before = [["咨询", "谘询", "諮询"]],
            Not = ["热线", "12345", "投诉"],
            IsTotal = true,
            NotInSections = ["proactive", "fees", "review_litigation", "problems"],
        },
        new("{review}.upheld", CaseUnits)
        {
            Before = [["维持"]],
            ReviewGroup = true,
            NotInSections = NarrativeOnly,
        },
        new("{review}.corrected", CaseUnits)
        {
            Before = [["纠错", "纠正", "撤销", "确认违法"]],
            ReviewGroup = true,
            NotInSections = NarrativeOnly,
        },
        new("{review}.pending", CaseUnits)
        {
            Before = [["尚未审结", "未审结", "审理中", "正在审理"]],
            ReviewGroup = true,
            NotInSections = NarrativeOnly,
        },
        new(MetricKeys.ReconsiderationTotal, CaseUnits)
        {
            Before = [["复议"]],
            After = [["行政复议"]],
            AfterBefore = [["办结", "发生", "收到", "受理", "共", "涉及", "提起", "申请"]],
            Not = ["诉讼", "复议后", "维持", "纠错", "纠正", "撤销"],
            NotInSections = ["proactive", "problems"],
        },
        new(MetricKeys.LitigationTotal, CaseUnits)
        {
            Before = [["诉讼"]],
            After = [["行政诉讼"]],
            AfterBefore = [["办结", "发生", "收到", "受理", "共", "涉及", "提起"]],
            Not = ["复议", "维持", "纠错", "纠正", "撤销"],
            NotInSections = ["proactive", "problems"],
        },
        new(MetricKeys.FeesAmountYuan, MoneyUnits)
        {
            Before = [["收费", "收取", "费用"]],
            Not = ["经费", "专项", "行政事业性", "预算"],
            NotInSections = ["proactive", "problems", "overview"],
        },
    ];
}
