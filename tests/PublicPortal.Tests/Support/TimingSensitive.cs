namespace PublicPortal.Tests.Support;

/// <summary>
/// Tests that measure time ("visible in search within a second") run alone, after the others: sharing two cores with
/// image encoding, the HTML checker and whole site processes, they measured the machine's load rather than the site.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing";
}
