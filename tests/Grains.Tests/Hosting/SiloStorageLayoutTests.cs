using Microsoft.Extensions.Configuration;
using SampleMind.Grains.Hosting;

namespace SampleMind.Grains.Tests.Hosting;

/// <summary>Where the embedded silo keeps its SQLite files, from the settings.</summary>
public sealed class SiloStorageLayoutTests
{
    private static readonly string Data = Path.Combine(Path.GetTempPath(), "layout-data");

    [Fact]
    public void By_default_the_queue_and_the_catalogue_are_files_in_the_data_directory()
    {
        var layout = Layout();

        Assert.Equal(Path.Combine(Data, "work.db"), layout.WorkQueueConnectionString);
        Assert.Equal(Path.Combine(Data, "catalog.db"), layout.CatalogConnectionString);
    }

    [Fact]
    public void A_relative_file_is_under_the_data_directory_and_a_full_path_or_connection_string_stays()
    {
        // Before, a relative queue file was replaced by <data>/work.db whatever it named.
        var relative = Layout(("WorkQueue:ConnectionString", "queues/main.db"), ("Catalog:ConnectionString", "cat.db"));
        var full = Layout(("WorkQueue:ConnectionString", "/srv/queue.db"), ("Catalog:ConnectionString", "Data Source=/srv/cat.db"));

        Assert.Equal(Path.Combine(Data, "queues", "main.db"), relative.WorkQueueConnectionString);
        Assert.Equal(Path.Combine(Data, "cat.db"), relative.CatalogConnectionString);
        Assert.Equal("/srv/queue.db", full.WorkQueueConnectionString);
        Assert.Equal("Data Source=/srv/cat.db", full.CatalogConnectionString);
    }

    private static SiloStorageLayout Layout(params (string Key, string Value)[] settings) =>
        SiloStorageLayout.From(new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Silo:DataDirectory", Data), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))])
            .Build());
}
