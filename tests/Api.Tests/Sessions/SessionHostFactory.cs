using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>An API host on a given data directory, so that a second host can start where a first one stopped.</summary>
internal sealed class SessionHostFactory(string root) : WebApplicationFactory<Program>
{
    public string AdminKeyFile => Path.Combine(root, "data", "admin.key");

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    public string AdminToken => File.ReadAllText(AdminKeyFile).Trim();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // As ApiFactory: the environment users run, with Development's checks of the service registrations kept.
        builder.UseEnvironment(Environments.Production);
        builder.UseDefaultServiceProvider(o =>
        {
            o.ValidateScopes = true;
            o.ValidateOnBuild = true;
        });
        var data = Path.Combine(root, "data");
        builder.UseSetting("Silo:DataDirectory", data);
        builder.UseSetting("Api:AdminKeyFile", AdminKeyFile);
        builder.UseSetting("Api:UploadDirectory", Path.Combine(data, "uploads"));
    }
}
