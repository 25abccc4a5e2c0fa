using Gongkai.Reports.Metrics.Tables;

namespace Gongkai.Reports;

/// <summary>
/// Every canonical metric key the parser can output, with labels and units: DOMAIN's keys, the full 表二 / 表三 /
/// 表四 grids (表三 rows with every applicant suffix) and the pre-2019 统计表 indicators.
/// </summary>
public static class MetricCatalog
{
    private static readonly Dictionary<string, MetricDefinition> ByKey;

    static MetricCatalog()
    {
        All = Build();
        ByKey = All.ToDictionary(d => d.Key, StringComparer.Ordinal);
    }

    public static IReadOnlyList<MetricDefinition> All { get; }

    public static MetricDefinition? Find(string key) => ByKey.GetValueOrDefault(key);

    private static List<MetricDefinition> Build()
    {
        var list = new List<MetricDefinition>(400);
        void Add(string key, string zh, string en, string unit) => list.Add(new MetricDefinition(key, zh, en, unit));

        Add(MetricKeys.ProactiveTotalItems, "主动公开政府信息数", "Items published proactively", MetricUnits.Items);
        foreach (var (subject, zh, en) in new[] { ("rules", "规章", "rules"), ("normative_docs", "（行政）规范性文件", "normative documents") })
        {
            Add($"proactive.{subject}.issued", $"{zh} 本年制发件数（本年新制作数量）", $"New {en} issued this year", MetricUnits.Items);
            Add($"proactive.{subject}.repealed", $"{zh} 本年废止件数", $"{en} repealed this year", MetricUnits.Items);
            Add($"proactive.{subject}.in_force", $"{zh} 现行有效件数（对外公开总数量）", $"{en} in force", MetricUnits.Items);
            Add($"proactive.{subject}.published", $"{zh} 本年新公开数量", $"{en} newly published this year", MetricUnits.Items);
        }

        foreach (var (subject, zh, en) in new[]
        {
            ("licensing", "行政许可", "administrative licensing"),
            ("other_services", "其他对外管理服务事项", "other external management services"),
            ("penalties", "行政处罚", "administrative penalties"),
            ("enforcement", "行政强制", "administrative coercion"),
        })
        {
            Add($"proactive.{subject}.decisions", $"{zh} 本年处理决定数量", $"Decisions on {en} this year", MetricUnits.Cases);
            Add($"proactive.{subject}.items", $"{zh} 上一年项目数量", $"Items of {en} (previous year)", MetricUnits.Items);
            Add($"proactive.{subject}.items_change", $"{zh} 本年增/减", $"Change in items of {en}", MetricUnits.Items);
        }

        Add("proactive.fees.amount_wan_yuan", "行政事业性收费 本年收费金额（万元）", "Administrative fees collected (10,000 yuan)", MetricUnits.WanYuan);
        Add("proactive.fees.items", "行政事业性收费 上一年项目数量", "Administrative fee items (previous year)", MetricUnits.Items);
        Add("proactive.fees.items_change", "行政事业性收费 本年增/减", "Change in administrative fee items", MetricUnits.Items);
        Add("proactive.procurement.items", "政府集中采购 采购项目数量", "Central government procurement projects", MetricUnits.Items);
        Add("proactive.procurement.amount_wan_yuan", "政府集中采购 采购总金额（万元）", "Central government procurement amount (10,000 yuan)", MetricUnits.WanYuan);
        foreach (var (channel, zh, en) in new[]
        {
            ("gazette", "政府公报", "the government gazette"), ("website", "政府网站", "government websites"),
            ("weibo", "政务微博", "government Weibo"), ("wechat", "政务微信", "government WeChat"), ("other", "其他方式", "other channels"),
        })
        {
            Add($"proactive.channel.{channel}", $"{zh}公开政府信息数", $"Items published through {en}", MetricUnits.Items);
        }

        foreach (var row in Table3Layout.All)
        {
            Add(row.Key, row.LabelZh, row.LabelEn, MetricUnits.Requests);
            foreach (var (suffix, zh, en) in Table3Layout.Applicants)
            {
                Add(row.Key + ":" + suffix, $"{row.LabelZh}（{zh}）", $"{row.LabelEn} — {en}", MetricUnits.Requests);
            }
        }

        Add(MetricKeys.ByApplicantNaturalPerson, "公民（自然人）申请数", "Requests from natural persons", MetricUnits.Requests);
        Add(MetricKeys.ByApplicantLegalTotal, "法人或其他组织申请数", "Requests from legal persons and other organisations", MetricUnits.Requests);
        Add("requests.by_applicant.legal_person", "法人申请数", "Requests from legal persons (pre-2019)", MetricUnits.Requests);
        Add("requests.by_applicant.other_org", "其他组织申请数", "Requests from other organisations (pre-2019)", MetricUnits.Requests);
        foreach (var (channel, zh, en) in new[] { ("in_person", "当面申请数", "in person"), ("fax", "传真申请数", "by fax"), ("online", "网络申请数", "online"), ("mail", "信函申请数", "by letter") })
        {
            Add($"requests.by_channel.{channel}", zh, $"Requests made {en}", MetricUnits.Requests);
        }

        Add("requests.completed", "申请办结数", "Requests completed", MetricUnits.Requests);
        Add("requests.completed.on_time", "按时办结数", "Requests completed on time", MetricUnits.Requests);
        Add("requests.completed.extended", "延期办结数", "Requests completed after an extension", MetricUnits.Requests);
        Add(MetricKeys.RequestsAlreadyPublic, "属于已主动公开范围数", "Already published proactively", MetricUnits.Requests);
        Add(MetricKeys.RequestsNotExist, "申请信息不存在数（本机关不掌握）", "Information does not exist / not held", MetricUnits.Requests);
        Add(MetricKeys.RequestsNotThisAgency, "不属于本行政机关公开数", "Not this agency's information", MetricUnits.Requests);
        Add(MetricKeys.RequestsAskedToAmend, "告知作出更改补充数", "Applicant asked to amend the request", MetricUnits.Requests);
        Add(MetricKeys.RequestsReferredElsewhere, "告知通过其他途径办理数", "Applicant referred to other channels", MetricUnits.Requests);
        Add("requests.denied.commercial_secret", "不同意公开：涉及商业秘密", "Denied: commercial secret (pre-2019)", MetricUnits.Requests);
        Add("requests.denied.personal_privacy", "不同意公开：涉及个人隐私", "Denied: personal privacy (pre-2019)", MetricUnits.Requests);
        Add("requests.denied.not_government_info", "不同意公开：不是《条例》所指政府信息", "Denied: not government information (pre-2019)", MetricUnits.Requests);

        foreach (var (prefix, zh, en) in new[]
        {
            ("reconsideration", "行政复议", "Administrative reconsideration"),
            ("litigation", "行政诉讼（两组合计）", "Administrative litigation (both groups)"),
            ("litigation.direct", "行政诉讼 未经复议直接起诉", "Litigation filed directly"),
            ("litigation.after_reconsideration", "行政诉讼 复议后起诉", "Litigation filed after reconsideration"),
        })
        {
            Add($"{prefix}.upheld", $"{zh} 结果维持", $"{en}: upheld", MetricUnits.Cases);
            Add($"{prefix}.corrected", $"{zh} 结果纠正", $"{en}: corrected", MetricUnits.Cases);
            Add($"{prefix}.other", $"{zh} 其他结果", $"{en}: other outcome", MetricUnits.Cases);
            Add($"{prefix}.pending", $"{zh} 尚未审结", $"{en}: pending", MetricUnits.Cases);
            Add($"{prefix}.total", $"{zh} 总计", $"{en}: total", MetricUnits.Cases);
        }

        Add(MetricKeys.FeesAmountYuan, "信息处理费 / 依申请公开收取的费用（元）", "Fees charged for requests (yuan)", MetricUnits.Yuan);
        Add(MetricKeys.ConsultationsTotal, "咨询（人次）", "Consultations (person-times)", MetricUnits.PersonTimes);
        Add(MetricKeys.ComplaintsTotal, "举报投诉数量", "Reports and complaints", MetricUnits.Cases);
        return list;
    }
}
