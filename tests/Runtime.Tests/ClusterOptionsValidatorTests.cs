using SampleMind.Runtime.Cluster;

namespace SampleMind.Runtime.Tests;

/// <summary>
/// The cluster's durations at start: a lease longer than Npgsql's connection timeout takes (1,024 s; a bare "5" is
/// 5 days) and a retry budget of zero or less stop the start naming the setting and how a duration is written, where
/// the lease stopped it with Npgsql's words about '432000' and a zero retry budget was taken.
/// </summary>
public sealed class ClusterOptionsValidatorTests
{
    [Fact]
    public void A_lease_read_as_days_is_refused_naming_the_setting_and_the_duration_form()
    {
        var failure = Assert.Single(Validate(o => o.LeaseDuration = TimeSpan.FromDays(5)));

        Assert.Equal("Cluster:LeaseDuration is 5.00:00:00: use 00:00:01 to 00:17:04 (durations are written hh:mm:ss " +
            "(00:00:05 for 5 s), and a bare number is read as days).", failure);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1024)]
    public void A_lease_from_1_s_to_1024_s_is_taken(int seconds) =>
        Assert.Empty(Validate(o =>
        {
            o.LeaseDuration = TimeSpan.FromSeconds(seconds);
            o.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
            o.SiloTimeout = TimeSpan.FromSeconds(1);
        }));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_retry_timeout_of_zero_or_less_is_refused_naming_the_setting(int seconds)
    {
        var failure = Assert.Single(Validate(o => o.RetryTimeout = TimeSpan.FromSeconds(seconds)));

        Assert.StartsWith($"Cluster:RetryTimeout is {TimeSpan.FromSeconds(seconds):c}: use a positive duration", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_positive_or_unset_retry_timeout_is_taken()
    {
        Assert.Empty(Validate(o => o.RetryTimeout = TimeSpan.FromSeconds(1)));
        Assert.Empty(Validate(o => o.RetryTimeout = null));
    }

    private static IEnumerable<string> Validate(Action<ClusterOptions> configure)
    {
        var options = new ClusterOptions { Mode = "cluster", Postgres = "Host=127.0.0.1;Username=postgres", AdvertisedAddress = "http://127.0.0.1:5613" };
        configure(options);
        return new ClusterOptionsValidator().Validate(null, options).Failures ?? [];
    }
}
