namespace Gongkai.Reports;

/// <summary>The canonical metric keys the figures side reads (see <see cref="MetricCatalog"/> for labels).</summary>
public static class MetricKeys
{
    public const string ProactiveTotalItems = "proactive.total_items";

    public const string RequestsNewReceived = "requests.new_received";
    public const string RequestsCarriedOver = "requests.carried_over";
    public const string RequestsGranted = "requests.granted";
    public const string RequestsPartiallyGranted = "requests.partially_granted";
    public const string RequestsAlreadyPublic = "requests.already_public";
    public const string RequestsDeniedTotal = "requests.denied_total";
    public const string RequestsUnableTotal = "requests.unable_to_provide_total";
    public const string RequestsNotExist = "requests.not_exist";
    public const string RequestsNotThisAgency = "requests.not_this_agency";
    public const string RequestsNotProcessedTotal = "requests.not_processed_total";
    public const string RequestsOtherTotal = "requests.other_total";
    public const string RequestsProcessedTotal = "requests.processed_total";
    public const string RequestsCarriedForward = "requests.carried_forward";
    public const string RequestsUnableNotHeld = "requests.unable.not_held";
    public const string RequestsAskedToAmend = "requests.asked_to_amend";
    public const string RequestsReferredElsewhere = "requests.referred_elsewhere";
    public const string ByApplicantNaturalPerson = "requests.by_applicant.natural_person";
    public const string ByApplicantLegalTotal = "requests.by_applicant.legal_total";

    public const string ReconsiderationTotal = "reconsideration.total";
    public const string LitigationTotal = "litigation.total";

    public const string FeesAmountYuan = "fees.amount_yuan";
    public const string ConsultationsTotal = "consultations.total";
    public const string ComplaintsTotal = "complaints.total";

    /// <summary>The applicant columns of 表三, as key suffixes (<c>key:suffix</c>); the bare key is the 总计 column.</summary>
    public static IReadOnlyList<string> ApplicantSuffixes { get; } =
        ["natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org"];

    /// <summary>The optional 小计 column of 表三 (the five 法人或其他组织 columns summed).</summary>
    public const string LegalSubtotalSuffix = "legal_total";

    /// <summary>The outcome groups of 表四; each has these five figures.</summary>
    public static IReadOnlyList<string> ReviewOutcomes { get; } = ["upheld", "corrected", "other", "pending", "total"];

    public static string WithSuffix(string key, string? suffix) => suffix is null ? key : key + ":" + suffix;
}
