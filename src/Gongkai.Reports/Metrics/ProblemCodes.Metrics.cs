namespace Gongkai.Reports;

/// <summary>Problem codes of the figures side: missing tables, conflicts, failed cross-checks, damage and recovery.</summary>
public static partial class ProblemCodes
{
    /// <summary>A 2019+ report lacks 表二, 表三 or 表四 (e.g. a text copy that lost its tables): missing data, not zeros.</summary>
    public const string TablesMissing = "tables.missing";

    /// <summary>Two different values stated for the same key; the first (or the table's) is kept.</summary>
    public const string FiguresConflict = "figures.conflict";

    /// <summary>A figure's cell or phrase is damaged (mis-decoded) and could not be recovered.</summary>
    public const string FiguresDamaged = "figures.damaged";

    /// <summary>A damaged figure was recovered by arithmetic from the figures around it.</summary>
    public const string FiguresRecovered = "figures.recovered";

    /// <summary>
    /// A table row whose cells ran together (flattened text): none, or more than one, cut of its digits satisfies the
    /// table's arithmetic, so the row's figures are left out.
    /// </summary>
    public const string FiguresSplitAmbiguous = "figures.split_ambiguous";

    /// <summary>A table row with fewer figures than the table has columns (a page cut short mid-row); the row is left out.</summary>
    public const string FiguresRowIncomplete = "figures.row_incomplete";

    /// <summary>A sentence figure is said to be about another year than the report's.</summary>
    public const string FiguresYearMismatch = "figures.year_mismatch";

    /// <summary>表三: 一 + 二 ≠ 三（七） + 四 in a column.</summary>
    public const string Table3Balance = "check.table3.balance";

    /// <summary>表三: （七）总计 ≠ （一）+…+（六） in a column.</summary>
    public const string Table3OutcomesTotal = "check.table3.outcomes_total";

    /// <summary>表三: a stated （三）（四）（五）（六） total ≠ the sum of its numbered sub-rows.</summary>
    public const string Table3SubRows = "check.table3.sub_rows";

    /// <summary>表三: the 总计 column (or 小计) ≠ the sum of the applicant columns in a row.</summary>
    public const string Table3ApplicantColumns = "check.table3.applicant_columns";

    /// <summary>表四: a group's 总计 ≠ 结果维持 + 结果纠正 + 其他结果 + 尚未审结.</summary>
    public const string Table4GroupTotal = "check.table4.group_total";

    /// <summary>Pre-2019 narrative: outcomes add up to more than the requests received (and carried over).</summary>
    public const string OutcomesExceedReceived = "check.outcomes_exceed_received";

    /// <summary>A stated percentage does not match the counts it is computed from.</summary>
    public const string PercentageMismatch = "check.percentage";
}
