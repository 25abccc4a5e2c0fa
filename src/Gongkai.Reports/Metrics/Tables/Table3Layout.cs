namespace Gongkai.Reports.Metrics.Tables;

/// <summary>The outcome groups of 表三 that have numbered sub-rows.</summary>
internal enum Table3Group
{
    None,
    Denied,
    Unable,
    NotProcessed,
    Other,
}

/// <param name="Key">The canonical key (bare = 总计 column).</param>
/// <param name="Group">The group the row belongs to (<see cref="Table3Group.None"/> for top-level rows).</param>
/// <param name="Cues">Normalised label fragments that identify the row (any of them).</param>
internal sealed record Table3RowDefinition(string Key, string LabelZh, string LabelEn, Table3Group Group, string[] Cues)
{
    private readonly Dictionary<string, string> suffixed = new[] { "natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "legal_total" }
        .ToDictionary(s => s, s => Key + ":" + s, StringComparer.Ordinal);

    /// <summary>The key for a column: bare for 总计 (empty suffix), <c>key:suffix</c> otherwise, built once.</summary>
    public string KeyFor(string suffix) => suffix.Length == 0 ? Key : suffixed.TryGetValue(suffix, out var key) ? key : Key + ":" + suffix;
}

/// <summary>The rows of 表三 (2019 and 2021 layouts) and how their labels are recognised.</summary>
internal static class Table3Layout
{
    public static IReadOnlyList<Table3RowDefinition> TopLevel { get; } =
    [
        new(MetricKeys.RequestsNewReceived, "一、本年新收政府信息公开申请数量", "New requests received this year", Table3Group.None, ["本年新收", "新收"]),
        new(MetricKeys.RequestsCarriedOver, "二、上年结转政府信息公开申请数量", "Requests carried over from last year", Table3Group.None, ["上年结转"]),
        new(MetricKeys.RequestsCarriedForward, "四、结转下年度继续办理", "Requests carried forward to next year", Table3Group.None, ["结转下年", "下年度继续办理", "转下年"]),
        new(MetricKeys.RequestsProcessedTotal, "（七）总计", "Requests processed (total)", Table3Group.None, ["总计", "合计"]),
        new(MetricKeys.RequestsPartiallyGranted, "（二）部分公开", "Partially granted", Table3Group.None, ["部分公开"]),
        new(MetricKeys.RequestsGranted, "（一）予以公开", "Granted", Table3Group.None, ["予以公开", "同意公开"]),
    ];

    public static IReadOnlyList<Table3RowDefinition> GroupTotals { get; } =
    [
        new(MetricKeys.RequestsDeniedTotal, "（三）不予公开", "Denied (total)", Table3Group.Denied, ["不予公开"]),
        new(MetricKeys.RequestsUnableTotal, "（四）无法提供", "Unable to provide (total)", Table3Group.Unable, ["无法提供"]),
        new(MetricKeys.RequestsNotProcessedTotal, "（五）不予处理", "Not processed (total)", Table3Group.NotProcessed, ["不予处理"]),
        new(MetricKeys.RequestsOtherTotal, "（六）其他处理", "Otherwise handled (total)", Table3Group.Other, ["其他处理"]),
    ];

    public static IReadOnlyList<Table3RowDefinition> SubRows { get; } =
    [
        new("requests.denied.state_secret", "1.属于国家秘密", "Denied: state secret", Table3Group.Denied, ["国家秘密"]),
        new("requests.denied.prohibited_by_law", "2.其他法律行政法规禁止公开", "Denied: prohibited by other laws", Table3Group.Denied, ["禁止公开", "法律行政法规", "法律法规"]),
        new("requests.denied.security_stability", "3.危及“三安全一稳定”", "Denied: endangers security or stability", Table3Group.Denied, ["三安全一稳定", "危及", "稳定"]),
        new("requests.denied.third_party_rights", "4.保护第三方合法权益", "Denied: third-party rights", Table3Group.Denied, ["第三方"]),
        new("requests.denied.internal_affairs", "5.属于三类内部事务信息", "Denied: internal affairs", Table3Group.Denied, ["内部事务"]),
        new("requests.denied.process_info", "6.属于四类过程性信息", "Denied: process information", Table3Group.Denied, ["过程性"]),
        new("requests.denied.enforcement_files", "7.属于行政执法案卷", "Denied: enforcement case files", Table3Group.Denied, ["执法案卷"]),
        new("requests.denied.administrative_query", "8.属于行政查询事项", "Denied: administrative query", Table3Group.Denied, ["行政查询", "查询事项"]),
        new(MetricKeys.RequestsUnableNotHeld, "1.本机关不掌握相关政府信息", "Unable: information not held", Table3Group.Unable, ["不掌握"]),
        new("requests.unable.needs_creation", "2.没有现成信息需要另行制作", "Unable: would need to be created", Table3Group.Unable, ["另行制作", "没有现成"]),
        new("requests.unable.unclear", "3.补正后申请内容仍不明确", "Unable: request still unclear", Table3Group.Unable, ["不明确"]),
        new("requests.not_processed.complaints", "1.信访举报投诉类申请", "Not processed: petitions and complaints", Table3Group.NotProcessed, ["信访", "举报", "投诉"]),
        new("requests.not_processed.repeated", "2.重复申请", "Not processed: repeated request", Table3Group.NotProcessed, ["重复申请", "重复"]),
        new("requests.not_processed.publications", "3.要求提供公开出版物", "Not processed: publications", Table3Group.NotProcessed, ["出版物"]),
        new("requests.not_processed.excessive", "4.无正当理由大量反复申请", "Not processed: excessive repeated requests", Table3Group.NotProcessed, ["大量反复", "反复申请"]),
        new("requests.not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", "Not processed: confirmation of obtained information", Table3Group.NotProcessed, ["确认", "重新出具", "已获取"]),
        new("requests.other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "Other: applicant did not complete the request", Table3Group.Other, ["不补正", "逾期不"]),
        new("requests.other.unpaid_fees", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "Other: fees not paid", Table3Group.Other, ["缴纳费用", "收费通知", "未按收费"]),
        new("requests.other.other", "3.其他", "Other: other", Table3Group.Other, []),
    ];

    /// <summary>All rows in the order the table lists them.</summary>
    public static IEnumerable<Table3RowDefinition> All =>
        TopLevel.Take(2).Concat([TopLevel[5], TopLevel[4]]).Concat(GroupedRows()).Concat([TopLevel[3], TopLevel[2]]);

    public static IEnumerable<Table3RowDefinition> SubRowsOf(Table3Group group) => SubRows.Where(r => r.Group == group);

    public static Table3RowDefinition TotalOf(Table3Group group) => GroupTotals.First(r => r.Group == group);

    private static IEnumerable<Table3RowDefinition> GroupedRows()
    {
        foreach (var total in GroupTotals)
        {
            yield return total;
            foreach (var sub in SubRowsOf(total.Group))
            {
                yield return sub;
            }
        }
    }

    /// <summary>The applicant columns: key suffix, header cues as the table writes them.</summary>
    public static IReadOnlyList<(string Suffix, string LabelZh, string LabelEn)> Applicants { get; } =
    [
        ("natural_person", "自然人", "natural persons"),
        ("commercial", "商业企业", "commercial enterprises"),
        ("research", "科研机构", "research institutions"),
        ("social_welfare", "社会公益组织", "social welfare organisations"),
        ("legal_services", "法律服务机构", "legal service providers"),
        ("other_org", "其他", "other organisations"),
        (MetricKeys.LegalSubtotalSuffix, "法人或其他组织小计", "legal persons and organisations (subtotal)"),
    ];
}
