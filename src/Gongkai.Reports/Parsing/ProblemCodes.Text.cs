namespace Gongkai.Reports;

/// <summary>Problem codes of the text side: decoding, page structure, script repair, metadata, parser stages.</summary>
public static partial class ProblemCodes
{
    /// <summary>Text that was decoded with the wrong charset before it reached us (<c>?!巴夤_”</c>, U+FFFD runs).</summary>
    public const string TextMisdecoded = "text.misdecoded";

    /// <summary>The declared charset did not fit the bytes; another encoding was detected and used.</summary>
    public const string CharsetMismatch = "decoding.charset_mismatch";

    /// <summary>Pinyin left by a script converter after converted characters (<c>根據(jù)</c>) was removed.</summary>
    public const string PinyinArtifacts = "text.pinyin_artifacts";

    /// <summary>The markup could not be read as a tree (e.g. nested too deeply); its text was read without it.</summary>
    public const string MarkupUnreadable = "html.unreadable";

    /// <summary>No report text was found in the input.</summary>
    public const string TextEmpty = "text.empty";

    /// <summary>No numbered section headings were found.</summary>
    public const string SectionsMissing = "sections.missing";

    /// <summary>The report year could not be read.</summary>
    public const string YearMissing = "metadata.year_missing";

    /// <summary>Two sources disagree about the year (a date before the end of the year reported on, title vs body).</summary>
    public const string YearConflict = "metadata.year_conflict";

    /// <summary>The agency could not be read.</summary>
    public const string AgencyMissing = "metadata.agency_missing";

    /// <summary>The input was larger than the parser reads; only its beginning was parsed.</summary>
    public const string InputTruncated = "input.truncated";

    /// <summary>A parser stage failed on this input; the others still ran. The message names the stage.</summary>
    public const string StageFailed = "parser.stage_failed";
}
