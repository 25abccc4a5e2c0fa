namespace Gongkai.Reports.Metadata;

/// <summary>Reads title, agency, region, report year and publication date, and flags where sources disagree.</summary>
internal static class MetadataReader
{
    public static ReportMetadata Read(MetadataSources sources)
    {
        var problems = new List<ReportProblem>();
        var title = TitleReader.Read(sources);
        var (agency, asWritten) = AgencyReader.Read(sources, title);
        // An agency that does not say where it is (区政府办公室) is placed by the title, then by the site.
        var region = RegionReader.Read(agency);
        foreach (var fallback in new[] { title, sources.MetaValue("sitename"), sources.HtmlTitle })
        {
            if (region != ReportRegion.Unknown)
            {
                break;
            }

            if (fallback is not null)
            {
                region = RegionReader.Read(ChineseScript.ToSimplified(fallback));
            }
        }

        var (year, yearSource) = YearReader.Read(sources, title);
        var (published, publishedSource, dateStart, dateEnd) = PublishedDateReader.Read(sources);

        if (year is null)
        {
            problems.Add(new ReportProblem(ProblemCodes.YearMissing, "No year reported on was found in the title, the text or the page."));
        }
        else
        {
            if (yearSource == "title" && YearReader.ClearBodyYear(sources) is { } bodyYear && bodyYear != year)
            {
                problems.Add(new ReportProblem(
                    ProblemCodes.YearConflict,
                    $"The title names {year} but the text frames itself as {bodyYear}; the title's year is kept."));
            }

            // A report on a year is published after that year ends.
            if (published is { } date && date.Year <= year && publishedSource is not ("link date" or "url"))
            {
                problems.Add(new ReportProblem(
                    ProblemCodes.YearConflict,
                    $"The report is about {year} but is dated {date:yyyy-MM-dd} ({publishedSource}), before that year ended; both are kept as written.")
                {
                    Start = dateStart,
                    End = dateEnd,
                });
            }
        }

        if (agency is null)
        {
            problems.Add(new ReportProblem(ProblemCodes.AgencyMissing, "No agency name was found in the title, the text or the page."));
        }

        return new ReportMetadata(title, agency, asWritten, region, year, published, problems);
    }
}
