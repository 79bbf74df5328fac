namespace CourseHub.Tests.Structure;

/// <summary>
/// Feature folders depend one way: a feature uses another only through a type marked [FeatureSeam], features never
/// form a loop, the demo seed depends on features and never the reverse, and shared building blocks
/// (Infrastructure) use no feature at all.
/// </summary>
public sealed class FeatureFolderTests
{
    public static TheoryData<string> Services => ["Api", "Web"];

    private static FeatureDependencies Read(string service) => FeatureDependencies.Read(service switch
    {
        "Api" => typeof(CourseHub.Api.ApplicationSetup),
        "Web" => typeof(CourseHub.Web.ApplicationSetup),
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    });

    [Theory]
    [MemberData(nameof(Services))]
    public void A_feature_uses_another_feature_only_through_its_seam(string service)
    {
        var dependencies = Read(service);
        var violations = dependencies.Uses
            .Where(use => use.FromPlace.StartsWith("Features/") && use.ToPlace.StartsWith("Features/") && !use.ToIsSeam)
            .Select(use => $"{use.FromType} ({use.FromPlace}) uses {use.ToType} ({use.ToPlace}), which is not a [FeatureSeam]")
            .ToList();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Features_do_not_depend_in_a_loop(string service)
    {
        var loop = Read(service).FindLoop();
        Assert.True(loop is null, loop is null ? "" : "Feature loop: " + string.Join(" → ", loop));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Shared_building_blocks_use_no_feature(string service)
    {
        var violations = Read(service).Uses
            .Where(use => use.FromPlace == "Infrastructure" && use.ToPlace.StartsWith("Features/"))
            .Select(use => $"{use.FromType} uses {use.ToType} ({use.ToPlace})")
            .ToList();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void Nothing_depends_on_the_demo_seed()
    {
        var violations = Read("Api").Uses
            .Where(use => use.ToPlace == "Features/Seeding")
            .Select(use => $"{use.FromType} ({use.FromPlace}) uses {use.ToType}")
            .ToList();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void The_reader_finds_the_uses_that_are_there()
    {
        // The studio's preview reuses the catalog's course page reader (a seam), and features use the building blocks;
        // if the reader missed uses, every rule above would pass vacuously.
        var uses = Read("Api").Uses;
        Assert.Contains(uses, use => use.FromPlace == "Features/Teaching" && use.ToType.EndsWith(".CourseDetailsReader") && use.ToIsSeam);
        Assert.Contains(uses, use => use.FromPlace.StartsWith("Features/") && use.ToPlace == "Infrastructure");
        Assert.Contains(Read("Web").Uses, use => use.FromPlace.StartsWith("Features/") && use.ToType.EndsWith(".ApiCaller"));
    }
}
