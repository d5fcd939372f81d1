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

    [Fact]
    public void A_connection_string_s_relative_data_source_is_under_the_data_directory()
    {
        // Before, a connection string was taken as it was: the queue's wq2.db landed in the working directory, and the
        // catalogue, which took it as a path, made a file named "Data Source=cat2.db" there.
        var layout = Layout(("WorkQueue:ConnectionString", "Data Source=wq2.db;Cache=Shared"), ("Catalog:ConnectionString", "Data Source=sub/cat2.db"));

        Assert.Equal(Path.Combine(Data, "wq2.db"), SiloStorageLayout.SqliteFile(layout.WorkQueueConnectionString, "WorkQueue:ConnectionString"));
        Assert.Contains("Cache=Shared", layout.WorkQueueConnectionString, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(Data, "sub", "cat2.db"), SiloStorageLayout.SqliteFile(layout.CatalogConnectionString, "Catalog:ConnectionString"));
    }

    [Fact]
    public void A_sqlite_connection_string_with_an_unknown_keyword_is_refused_naming_the_setting()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Layout(("Catalog:ConnectionString", "Data Sorce=cat.db")));

        Assert.StartsWith("Catalog:ConnectionString is neither a SQLite file nor a SQLite connection string (Data Source=...): ", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Catalog:Provider", "postgres", "Catalog:Provider is postgres but no connection string is set: set Catalog:ConnectionString (or Cluster:Postgres)")]
    [InlineData("WorkQueue:Provider", "postgres", "WorkQueue:Provider is postgres but no connection string is set: set WorkQueue:ConnectionString (or Cluster:Postgres)")]
    public void A_store_on_postgres_without_a_connection_string_is_refused_naming_the_setting(string name, string value, string said)
    {
        // Before, the first connection failed with "Value cannot be null. (Parameter 'Host')".
        var refused = Assert.Throws<InvalidOperationException>(() => Layout((name, value)));

        Assert.StartsWith(said, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Username=u;Passwrd=s3cr3tpw", "Cluster:Postgres has the keyword 'passwrd', which Npgsql does not know")]
    [InlineData("postgres://u:s3cr3tpw@127.0.0.1:1/db", "Cluster:Postgres is a URL (postgres://...), which Npgsql does not take")]
    [InlineData("Username=u;Password=s3cr3tpw;Database=db", "Cluster:Postgres names no Host")]
    [InlineData("Host=127.0.0.1;Port=many;Password=s3cr3tpw", "Cluster:Postgres has a value of 'port' that Npgsql does not take")]
    [InlineData("Host=127.0.0.1;Password=s3cr3tpw;oops", "Cluster:Postgres is not a connection string of keywords")]
    public void A_cluster_connection_string_npgsql_cannot_read_is_refused_naming_the_setting_without_its_password(string connection, string said)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Layout(("Cluster:Mode", "cluster"), ("Cluster:Postgres", connection)));

        Assert.StartsWith(said, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3tpw", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_store_s_own_connection_string_is_checked_under_its_own_name()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Layout(
            ("Cluster:Mode", "cluster"),
            ("Cluster:Postgres", "Host=db;Username=u;Password=s3cr3tpw"),
            ("Catalog:ConnectionString", "Host=db;Passwrd=s3cr3tpw"),
            ("WorkQueue:ConnectionString", "Username=u")));

        Assert.Equal(
            "Catalog:ConnectionString has the keyword 'passwrd', which Npgsql does not know: Host=db;Port=5432;Username=samplemind;Password=...;Database=samplemind. " +
            "WorkQueue:ConnectionString names no Host: Host=db;Port=5432;Username=samplemind;Password=...;Database=samplemind.",
            refused.Message);
    }

    [Fact]
    public void Connection_strings_npgsql_reads_pass()
    {
        var layout = Layout(("Cluster:Mode", "cluster"), ("Cluster:Postgres", "Host=db;Port=5432;Username=u;Password=pw;Database=d;SSL Mode=Require"),
            ("WorkQueue:ConnectionString", "Host=queue;Username=u;Max Auto Prepare=0"));

        Assert.Equal("Host=db;Port=5432;Username=u;Password=pw;Database=d;SSL Mode=Require", layout.CatalogConnectionString);
        Assert.Equal("Host=queue;Username=u;Max Auto Prepare=0", layout.WorkQueueConnectionString);
    }

    private static SiloStorageLayout Layout(params (string Key, string Value)[] settings) =>
        SiloStorageLayout.From(new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Silo:DataDirectory", Data), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))])
            .Build());
}
