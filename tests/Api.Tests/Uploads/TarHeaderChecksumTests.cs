using System.Formats.Tar;
using System.Text;
using SampleMind.Api.Tests.Hosting;
using static SampleMind.Api.Tests.Uploads.UploadBodies;

namespace SampleMind.Api.Tests.Uploads;

/// <summary>
/// A tar upload whose header does not match its checksum is a 400 naming the entry, as GNU tar refuses it, where .NET's
/// tar reader does not check the field and stored the file under a damaged name; tars of every format pass.
/// </summary>
public sealed class TarHeaderChecksumTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_tar_whose_header_does_not_match_its_checksum_is_refused_naming_the_entry()
    {
        var client = factory.CreateAdminClient();
        var tar = TarOf(TarEntryFormat.Ustar, ("kit/one.wav", Tone(330)), ("kit/two.wav", Tone(550)));
        var pax = Tar(("kit/one.wav", Tone(330)));
        var paxFile = 512 + ((Convert.ToInt32(Encoding.ASCII.GetString(pax, 124, 11), 8) + 511) / 512 * 512);
        var before = UploadFolders();
        var damaged = new (byte[] Tar, string Says)[]
        {
            // Before, a 202 that stored the first file as 'Kit/one.wav'.
            (Changed(tar, bytes => bytes[0] ^= 0x20), "'Kit/one.wav' has a header whose checksum does not match"),
            // Before, a 202 that stored 'kit/one.wav' 8 bytes short.
            (Changed(tar, bytes => bytes[133] ^= 0x01), "'kit/one.wav' has a header whose checksum does not match"),
            // Before, the reader's "Unable to parse number.".
            (Changed(tar, bytes => Encoding.ASCII.GetBytes("garbage!").CopyTo(bytes, 148)), "the checksum field says 'garbage!' (not a number)"),
            // Before, the header was taken for the end marker: "Data follows the archive's end".
            (Changed(tar, bytes => Array.Clear(bytes, 148, 8)), "'kit/one.wav' has a header whose checksum does not match (at byte 0 of the tar: the checksum field says 0,"),
            // The file's header after the PAX extended header ('x') that the writer puts first.
            (Changed(pax, bytes => bytes[paxFile] ^= 0x20), $"'Kit/one.wav' has a header whose checksum does not match (at byte {paxFile:N0} of the tar"),
        };

        foreach (var (body, says) in damaged)
        {
            foreach (var (sent, mediaType) in new[] { (body, "application/x-tar"), (Gzip(body), "application/gzip") })
            {
                var problem = await ApiJson.AssertProblemAsync(
                    await client.PostAsync("/v1/libraries/tar-checksums/ingests?level=fast", Content(sent, mediaType)), 400);
                Assert.StartsWith($"The upload is not a valid {mediaType} body: ", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
                Assert.Contains(says, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            }
        }

        Assert.Empty(UploadFolders().Except(before));
    }

    [Theory]
    [InlineData(TarEntryFormat.V7)]
    [InlineData(TarEntryFormat.Ustar)]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Gnu)]
    public async Task A_tar_of_each_format_passes_the_check(TarEntryFormat format)
    {
        var client = factory.CreateAdminClient();
        // A PAX and a GNU tar carry a name over 100 bytes in an entry of its own ('x', 'L') before the file's header.
        var longName = format is TarEntryFormat.Pax or TarEntryFormat.Gnu ? $"kit/{new string('l', 120)}.wav" : "kit/long.wav";
        var tar = TarOf(format, ("kit/one.wav", Tone(330)), (longName, Tone(550)), ("kit/empty.wav", []));

        foreach (var (body, mediaType) in new[] { (tar, "application/x-tar"), (Gzip(tar), "application/gzip") })
        {
            var accepted = await client.PostAsync($"/v1/libraries/tar-{format.ToString().ToLowerInvariant()}/ingests?level=fast", Content(body, mediaType));
            Assert.Equal(202, (int)accepted.StatusCode);
            var status = await ApiJson.WaitForJobAsync(client, (await ApiJson.ReadAsync(accepted))["jobId"]!.GetValue<string>(), TimeSpan.FromSeconds(60));
            Assert.Equal(2, status["succeeded"]!.GetValue<long>());
        }
    }

    private static byte[] Changed(byte[] tar, Action<byte[]> change)
    {
        var copy = (byte[])tar.Clone();
        change(copy);
        return copy;
    }

    private static byte[] TarOf(TarEntryFormat format, params (string Name, byte[] Bytes)[] entries)
    {
        using var memory = new MemoryStream();
        using (var tar = new TarWriter(memory, format, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                var type = format is TarEntryFormat.V7 ? TarEntryType.V7RegularFile : TarEntryType.RegularFile;
                TarEntry entry = format switch
                {
                    TarEntryFormat.V7 => new V7TarEntry(type, name),
                    TarEntryFormat.Ustar => new UstarTarEntry(type, name),
                    TarEntryFormat.Pax => new PaxTarEntry(type, name),
                    _ => new GnuTarEntry(type, name),
                };
                entry.DataStream = bytes.Length > 0 ? new MemoryStream(bytes) : null;
                tar.WriteEntry(entry);
            }
        }

        return memory.ToArray();
    }

    /// <summary>
    /// The tenant's upload folders now. A refused upload must add none; another test's folder may go meanwhile (its job
    /// deletes the uploaded files it does not keep, and a folder they leave empty), so a test compares what was added, not
    /// the count.
    /// </summary>
    private string[] UploadFolders()
    {
        var uploads = Path.Combine(factory.Root, "data", "uploads", "admin");
        return Directory.Exists(uploads) ? Directory.GetDirectories(uploads) : [];
    }
}
