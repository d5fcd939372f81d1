using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace SampleMind.Api.Tests.Cli;

/// <summary>
/// An <c>https://</c> address whose TLS handshake fails: the built CLI says why in one line (a certificate this machine
/// does not trust, one for another name, a port that does not speak TLS), where it printed .NET's "The SSL connection
/// could not be established, see inner exception."
/// </summary>
public sealed class CliTlsTests : IAsyncLifetime
{
    private WebApplication? _https;
    private FakeApi? _http;
    private int _httpsPort;

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=api.example.invalid", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("api.example.invalid");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        _https = builder.Build();
        _https.MapGet("/v1/jobs", () => FakeApi.Json("""{"items":[]}"""));
        await _https.StartAsync();
        _httpsPort = new Uri(_https.Urls.First()).Port;
        _http = await FakeApi.StartAsync(app => app.MapGet("/v1/jobs", () => FakeApi.Json("""{"items":[]}""")));
    }

    public async Task DisposeAsync()
    {
        await _https!.DisposeAsync();
        await _http!.DisposeAsync();
    }

    [Fact]
    public async Task A_certificate_not_trusted_and_for_another_name_is_said_to_be_so()
    {
        var run = await CliProcess.RunAsync("jobs", "--api", $"https://127.0.0.1:{_httpsPort}", "--key", "smk_a_b");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"Cannot reach the API: the TLS handshake with 127.0.0.1:{_httpsPort} failed: its certificate (CN=api.example.invalid) " +
            "is not trusted by this machine (UntrustedRoot), and is not for the name 127.0.0.1.\n",
            run.Error);
    }

    [Fact]
    public async Task A_port_that_does_not_speak_tls_is_said_to_be_plain_http()
    {
        var port = new Uri(_http!.Address).Port;

        var run = await CliProcess.RunAsync("jobs", "--api", $"https://127.0.0.1:{port}", "--key", "smk_a_b");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"Cannot reach the API: the TLS handshake with 127.0.0.1:{port} failed: the server did not answer in TLS; is it a plain-HTTP port (http://)?\n",
            run.Error);
    }
}
