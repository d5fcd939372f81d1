using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Runtime;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// The whole API host in embedded mode on a private temporary data directory, with a folder of
/// files the operator tenant may ingest from. Each test class gets its own host.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public ApiFactory()
    {
        Root = Directory.CreateTempSubdirectory("samplemind-api-").FullName;
        IngestRoot = Directory.CreateDirectory(Path.Combine(Root, "ingest")).FullName;
    }

    public string Root { get; }

    public string IngestRoot { get; }

    public string AdminKeyFile => Path.Combine(Root, "data", "admin.key");

    /// <summary>A client carrying the bootstrap admin key.</summary>
    public HttpClient CreateAdminClient() => CreateAdminClient(this);

    /// <summary>A client of <paramref name="host"/> (this factory's, or one derived with WithWebHostBuilder) carrying the bootstrap admin key.</summary>
    public HttpClient CreateAdminClient(WebApplicationFactory<Program> host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(AdminKeyFile).Trim());
        return client;
    }

    /// <summary>Where the server keeps a sample's file (an upload's copy too, which the API does not show), from its record.</summary>
    public async Task<string> StoredPathAsync(string sampleId) =>
        (await Services.GetRequiredService<IGrainFactory>().GetGrain<ISampleGrain>(sampleId).Get())?.SourcePath
        ?? throw new InvalidOperationException($"There is no sample '{sampleId}'.");

    /// <summary>A client carrying <paramref name="token"/>.</summary>
    public HttpClient CreateClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The environment users run (Development would change what the host does, e.g. how it answers a malformed
        // request), with Development's checks of the service registrations kept.
        builder.UseEnvironment(Environments.Production);
        builder.UseDefaultServiceProvider(o =>
        {
            o.ValidateScopes = true;
            o.ValidateOnBuild = true;
        });
        var data = Path.Combine(Root, "data");
        builder.UseSetting("Silo:DataDirectory", data);
        builder.UseSetting("Api:AdminKeyFile", AdminKeyFile);
        builder.UseSetting("Api:UploadDirectory", Path.Combine(data, "uploads"));
        builder.UseSetting("Ingest:Roots:admin:0", IngestRoot);
        builder.UseSetting("Ingest:Concurrency", "2");
        builder.UseSetting("WorkQueue:RetryBackoff", "00:00:00.100");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a closing handle; the OS temp cleaner takes it.
            }
        }
    }
}
