using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Hosting;

namespace SampleMind.Runtime.Tests;

/// <summary>A setting of a registered section that nothing reads stops the host's start, named.</summary>
public sealed class KnownSettingsTests
{
    [Fact]
    public async Task A_silo_with_a_misspelt_or_misplaced_setting_does_not_start_and_says_which()
    {
        using var host = Build(new()
        {
            ["Silo:Storage"] = "memory",
            ["Silo:DataDirectry"] = "/tmp/typo",
            ["Silo:AdvertisedAddress"] = "http://127.0.0.1:11111",
            ["Cluster:Mode"] = "embedded",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Equal(2, error.Failures.Count());
        Assert.Contains("Silo:DataDirectry is not a setting; Silo takes SiloId, Roles, DataDirectory,", error.Message, StringComparison.Ordinal);
        Assert.Contains("Silo:AdvertisedAddress is not a setting", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("EffectiveRoles", error.Message, StringComparison.Ordinal); // computed, not a setting
    }

    [Fact]
    public async Task A_key_under_a_setting_that_takes_a_single_value_stops_the_start_naming_it()
    {
        using var host = Build(new()
        {
            ["Silo:Storage"] = "memory",
            ["Silo:DataDirectory:x"] = "/tmp/nested",
            ["Silo:CollectionAge:Minutes"] = "5",
            ["Cluster:Mode"] = "embedded",
        });

        // Before, the start went on with both settings at their defaults.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Equal(2, error.Failures.Count());
        Assert.Contains("Silo:DataDirectory takes a single value, not keys under it (Silo:DataDirectory:x is not a setting).", error.Message,
            StringComparison.Ordinal);
        Assert.Contains("Silo:CollectionAge takes a single value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_of_every_registered_section_in_any_case_start_and_other_sections_are_not_looked_at()
    {
        using var host = Build(new()
        {
            ["Silo:storage"] = "memory",
            ["Silo:Roles:0"] = "cpu",
            ["Silo:SharedDirectory"] = "/tmp/shared", // registered by another module as a key read directly
            ["Cluster:Mode"] = "embedded",
            ["Cluster:AdvertisedAddress"] = "http://127.0.0.1:11111",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Elsewhere:Anything"] = "x",
        });

        await host.StartAsync();
        await host.StopAsync();
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSampleMindCluster(builder.Configuration);
        builder.Services.AddKnownSettings(SiloOptions.SectionName, null, "SharedDirectory");
        return builder.Build();
    }
}
