using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using SampleMind.Api.Tests.Hosting;
using static SampleMind.Api.Tests.Uploads.UploadBodies;

namespace SampleMind.Api.Tests.Uploads;

/// <summary>
/// Uploads whose archive is damaged in ways the archive readers do not check, or that hold entries the server cannot
/// store: each is a 400 problem that says why, and nothing of it is kept (before, a damaged zip entry was stored and
/// analysed as a shorter or different sample, and some names and entry kinds were a 500).
/// </summary>
public sealed class UploadIntegrityTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_zip_entry_whose_bytes_crc_or_size_differ_from_the_archive_rejects_the_zip_and_leaves_nothing()
    {
        var client = factory.CreateAdminClient();
        var stored = Zip(CompressionLevel.NoCompression, ("kit/one.wav", Tone(330)));
        var flipped = (byte[])stored.Clone();
        flipped[DataOffset(flipped) + 200] ^= 0x5A;
        var wrongCrc = Zip(("kit/one.wav", Tone(330)));
        PatchCentralAndLocal(wrongCrc, centralOffset: 16, localOffset: 14, 0xDEADBEEF);
        var halfSize = (byte[])stored.Clone();
        PatchCentralAndLocal(halfSize, centralOffset: 24, localOffset: 22, (uint)(Tone(330).Length / 2));
        var before = UploadFolders();

        foreach (var body in new[] { flipped, wrongCrc, halfSize })
        {
            var problem = await ApiJson.AssertProblemAsync(
                await client.PostAsync("/v1/libraries/damaged/ingests?level=fast", Content(body, "application/zip")), 400);
            Assert.Contains("'kit/one.wav' is damaged", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty(UploadFolders().Except(before));
        Assert.Equal(202, (int)(await client.PostAsync("/v1/libraries/damaged/ingests?level=fast", Content(stored, "application/zip"))).StatusCode);
    }

    [Fact]
    public async Task A_tar_gz_whose_gzip_trailer_does_not_match_its_data_is_rejected_and_one_of_two_gzip_members_is_not()
    {
        var client = factory.CreateAdminClient();
        var tar = Tar(("one.wav", Tone(330)), ("two.wav", Tone(550)));
        var good = Gzip(tar);
        var wrongCrc = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(wrongCrc.AsSpan(wrongCrc.Length - 8), 0xDEADBEEF);
        var twoMembers = Gzip(tar[..(tar.Length / 2)]).Concat(Gzip(tar[(tar.Length / 2)..])).ToArray();
        var before = UploadFolders();

        var problem = await ApiJson.AssertProblemAsync(
            await client.PostAsync("/v1/libraries/gz/ingests?level=fast", Content(wrongCrc, "application/gzip")), 400);

        Assert.Contains("gzip trailer does not match the data", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(UploadFolders().Except(before));
        Assert.Equal(202, (int)(await client.PostAsync("/v1/libraries/gz/ingests?level=fast", Content(good, "application/gzip"))).StatusCode);
        Assert.Equal(202, (int)(await client.PostAsync("/v1/libraries/gz2/ingests?level=fast", Content(twoMembers, "application/gzip"))).StatusCode);
    }

    [Fact]
    public async Task Data_after_a_tars_end_marker_rejects_the_upload_and_zero_padding_does_not()
    {
        var client = factory.CreateAdminClient();
        var first = Tar(("a/one.wav", Tone(330)), ("a/two.wav", Tone(550)));
        var second = Tar(("b/one.wav", Tone(440)), ("b/two.wav", Tone(660)));
        var noise = new byte[64 * 1024];
        new Random(7).NextBytes(noise);
        var before = UploadFolders();
        var joined = new (byte[] Body, string MediaType)[]
        {
            ([.. first, .. second], "application/x-tar"),
            ([.. Gzip(first), .. Gzip(second)], "application/gzip"),
            ([.. first, .. noise], "application/x-tar"),
            (Gzip([.. first, .. noise]), "application/gzip"),
        };

        foreach (var (body, mediaType) in joined)
        {
            // Before, a 202 whose job listed the first archive's files only.
            var problem = await ApiJson.AssertProblemAsync(
                await client.PostAsync("/v1/libraries/joined/ingests?level=fast", Content(body, mediaType)), 400);
            Assert.StartsWith("Data follows the archive's end: two archives joined", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty(UploadFolders().Except(before));
        byte[] padded = [.. first, .. new byte[20 * 1024]];
        var accepted = await client.PostAsync("/v1/libraries/padded/ingests?level=fast", Content(padded, "application/x-tar"));
        Assert.Equal(202, (int)accepted.StatusCode);
        var status = await ApiJson.WaitForJobAsync(client, (await ApiJson.ReadAsync(accepted))["jobId"]!.GetValue<string>(), TimeSpan.FromSeconds(60));
        Assert.Equal(2, status["succeeded"]!.GetValue<long>());
        Assert.Equal(202, (int)(await client.PostAsync("/v1/libraries/padded/ingests?level=fast", Content(Gzip(padded), "application/gzip"))).StatusCode);
    }

    [Fact]
    public async Task A_zip_with_a_link_or_an_unsafe_folder_entry_is_rejected_and_leaves_nothing()
    {
        var client = factory.CreateAdminClient();
        var before = UploadFolders();
        var bodies = new (byte[] Body, string Named)[]
        {
            (ZipWith(zip => zip.CreateEntry("link.wav").ExternalAttributes = 0xA1FF << 16), "'link.wav' is a link"),
            (ZipWith(zip => zip.CreateEntry("../up/")), "'../up/' has a '..' part"),
            (ZipWith(zip => zip.CreateEntry("/abs/")), "'/abs/' is an absolute path"),
        };

        foreach (var (body, named) in bodies)
        {
            var problem = await ApiJson.AssertProblemAsync(
                await client.PostAsync("/v1/libraries/unsafe-zip/ingests?level=fast", Content(body, "application/zip")), 400);
            Assert.Contains(named, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty(UploadFolders().Except(before));
    }

    [Fact]
    public async Task A_tar_folder_entry_leaving_the_upload_is_refused_as_a_zips_is_and_the_archives_own_folder_is_not()
    {
        var client = factory.CreateAdminClient();
        var before = UploadFolders();
        var bodies = new (byte[] Body, string Named)[]
        {
            (TarWith(new PaxTarEntry(TarEntryType.Directory, "../evil/")), "'../evil/' has a '..' part"),
            (TarWith(new PaxTarEntry(TarEntryType.Directory, "/etc/evil/")), "'/etc/evil/' is an absolute path"),
        };

        foreach (var (body, named) in bodies)
        {
            // Before, a 202: the folder entry was skipped unchecked.
            var problem = await ApiJson.AssertProblemAsync(
                await client.PostAsync("/v1/libraries/tar-folders/ingests?level=fast", Content(body, "application/x-tar")), 400);
            Assert.Contains(named, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty(UploadFolders().Except(before));
        var own = TarWith(new PaxTarEntry(TarEntryType.Directory, "./"), new PaxTarEntry(TarEntryType.RegularFile, "./one.wav") { DataStream = new MemoryStream(Tone(330)) });
        Assert.Equal(202, (int)(await client.PostAsync("/v1/libraries/tar-folders/ingests?level=fast", Content(own, "application/x-tar"))).StatusCode);
    }

    [Fact]
    public async Task A_name_over_the_length_limit_is_quoted_cut_short()
    {
        var client = factory.CreateAdminClient();
        var name = new string('a', 3000) + ".wav";

        var problem = await ApiJson.AssertProblemAsync(
            await client.PostAsync("/v1/libraries/long-names/ingests?level=fast", Content(Tar((name, Tone(330))), "application/x-tar")), 400);

        // Before, the name was quoted whole: a detail of 3,074 characters.
        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains($"'{new string('a', 200)}...' is longer than 1,024 characters", detail, StringComparison.Ordinal);
        Assert.True(detail.Length < 300, $"the detail is {detail.Length} characters long");
    }

    [Fact]
    public async Task A_name_a_file_system_cannot_hold_and_a_sparse_tar_entry_are_400s_not_500s()
    {
        var client = factory.CreateAdminClient();
        var before = UploadFolders();
        var longName = new string('ü', 130) + ".wav";
        var uploads = new (HttpContent Body, string Reason)[]
        {
            (Form(longName), "bytes"),
            (Content(Zip(($"kit/{longName}", Tone(330))), "application/zip"), "bytes"),
            (Content(SparseTar(), "application/x-tar"), "cannot read"),
            (Content(PaxSparseTar(new() { ["GNU.sparse.major"] = "1", ["GNU.sparse.minor"] = "0", ["GNU.sparse.name"] = "kit/sparse.wav", ["GNU.sparse.realsize"] = "1048576" }), "application/x-tar"),
                "cannot read ('kit/sparse.wav' is a GNU sparse file, in PAX records)"),
            (Content(PaxSparseTar(new() { ["GNU.sparse.size"] = "1048576", ["GNU.sparse.numblocks"] = "1", ["GNU.sparse.map"] = "0,512" }), "application/x-tar"),
                "is a GNU sparse file, in PAX records"),
        };

        foreach (var (body, reason) in uploads)
        {
            var problem = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/libraries/odd-names/ingests?level=fast", body), 400);
            Assert.Contains(reason, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty(UploadFolders().Except(before));
    }

    [Fact]
    public async Task A_contiguous_tar_entry_is_taken_as_a_file_and_devices_fifos_and_unknown_types_are_refused_by_name()
    {
        var client = factory.CreateAdminClient();
        var before = UploadFolders();
        var refused = new (byte[] Body, string Named)[]
        {
            (UstarWith(new UstarTarEntry(TarEntryType.CharacterDevice, "tty.wav")), "'tty.wav' is a character device (tar type '3')"),
            (UstarWith(new UstarTarEntry(TarEntryType.BlockDevice, "disk.wav")), "'disk.wav' is a block device (tar type '4')"),
            (UstarWith(new UstarTarEntry(TarEntryType.Fifo, "pipe.wav")), "'pipe.wav' is a FIFO (named pipe) (tar type '6')"),
            (WithType(UstarWith(new UstarTarEntry(TarEntryType.RegularFile, "odd.wav") { DataStream = new MemoryStream(Tone(330)) }), 'Z'),
                "'odd.wav' is of a type this server does not know (tar type 'Z')"),
        };

        foreach (var (body, named) in refused)
        {
            // Before, a 202 whose job listed the regular files only, with no row for the entry left out.
            var problem = await ApiJson.AssertProblemAsync(
                await client.PostAsync("/v1/libraries/tar-types/ingests?level=fast", Content(body, "application/x-tar")), 400);
            Assert.Contains(named, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty(UploadFolders().Except(before));
        var contiguous = WithType(UstarWith(new UstarTarEntry(TarEntryType.RegularFile, "kit/one.wav") { DataStream = new MemoryStream(Tone(330)) }), '7');
        var accepted = await client.PostAsync("/v1/libraries/contiguous/ingests?level=fast", Content(contiguous, "application/x-tar"));
        Assert.Equal(202, (int)accepted.StatusCode);
        var status = await ApiJson.WaitForJobAsync(client, (await ApiJson.ReadAsync(accepted))["jobId"]!.GetValue<string>(), TimeSpan.FromSeconds(60));
        Assert.Equal(1, status["succeeded"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_archive_sent_as_another_kind_or_with_an_encrypted_entry_is_refused_saying_so()
    {
        var client = factory.CreateAdminClient();
        var tar = Tar(("one.wav", Tone(330)));
        var zip = Zip(("one.wav", Tone(330)));
        var encrypted = (byte[])zip.Clone();
        encrypted[6] |= 1;
        encrypted[encrypted.AsSpan().IndexOf("PK\u0001\u0002"u8) + 8] |= 1;
        var before = UploadFolders();
        var bodies = new (byte[] Body, string MediaType, string Says)[]
        {
            (Gzip(tar), "application/x-tar", "the body looks like a gzip stream (a tar.gz) but Content-Type says application/x-tar; send it as application/gzip"),
            (zip, "application/x-tar", "the body looks like a zip archive but Content-Type says application/x-tar; send it as application/zip"),
            (tar, "application/gzip", "the body looks like a tar archive but Content-Type says application/gzip; send it as application/x-tar"),
            (tar, "application/zip", "the body looks like a tar archive but Content-Type says application/zip; send it as application/x-tar"),
            (encrypted, "application/zip", "'one.wav' is encrypted: encrypted zip entries are not supported"),
        };

        foreach (var (body, mediaType, says) in bodies)
        {
            // Before, what the reader of the type named made of it: "Unable to parse number.", "an unsupported compression method".
            var problem = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/libraries/mislabelled/ingests?level=fast", Content(body, mediaType)), 400);
            Assert.Contains(says, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty(UploadFolders().Except(before));
    }

    [Fact]
    public async Task Files_each_within_the_file_limit_that_pass_the_upload_limit_together_are_refused_naming_that_limit()
    {
        using var host = factory.WithWebHostBuilder(b => b
            .UseSetting("Ingest:MaxUploadBytes", "100000").UseSetting("Ingest:MaxFileBytes", "60000"));
        var client = factory.CreateAdminClient(host);
        var part = new byte[40_000];

        var problem = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/libraries/totals/ingests?level=fast",
            Content(Zip(("a.wav", part), ("b.wav", part), ("c.wav", part)), "application/zip")), 413);

        Assert.StartsWith("The upload exceeds its size limit (100000 bytes in all, Ingest:MaxUploadBytes) at ", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compressed_content_encoding_or_no_media_type_is_a_415_and_leaves_nothing()
    {
        var client = factory.CreateAdminClient();
        var encoded = Content(Tar(("one.wav", Tone(330))), "application/x-tar");
        encoded.Headers.ContentEncoding.Add("gzip");
        var untyped = new ByteArrayContent(Tar(("one.wav", Tone(330))));
        var before = UploadFolders();

        var refusedEncoding = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/libraries/encoded/ingests?level=fast", encoded), 415);
        var refusedType = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/libraries/encoded/ingests?level=fast", untyped), 415);

        Assert.Contains("Content-Encoding 'gzip' is not taken", refusedEncoding["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("An ingest does not take a body with no content type: send application/json (", refusedType["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("text/plain (", refusedType["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("https://samplemind.dev/problems/unsupported-media-type", refusedType["type"]!.GetValue<string>());
        Assert.Empty(UploadFolders().Except(before));
    }

    [Fact]
    public async Task Upload_media_types_are_matched_without_regard_to_case()
    {
        var client = factory.CreateAdminClient();
        var content = new ByteArrayContent(Zip(("one.wav", Tone(330))));
        content.Headers.TryAddWithoutValidation("Content-Type", "Application/ZIP");

        Assert.Equal(202, (int)(await client.PostAsync("/v1/libraries/cased/ingests?level=fast", content)).StatusCode);
    }

    /// <summary>Where the first entry's data starts in a zip: after its local header (30 bytes), its name and its extra field.</summary>
    private static int DataOffset(byte[] zip) =>
        30 + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(28));

    /// <summary>Writes <paramref name="value"/> into the first entry's local header and its central directory record.</summary>
    private static void PatchCentralAndLocal(byte[] zip, int centralOffset, int localOffset, uint value)
    {
        var central = zip.AsSpan().IndexOf("PK\u0001\u0002"u8);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(central + centralOffset), value);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(localOffset), value);
    }

    private static byte[] ZipWith(Action<ZipArchive> write)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            write(zip);
        }

        return memory.ToArray();
    }

    /// <summary>A GNU tar whose one entry is marked a sparse file ('S').</summary>
    private static byte[] SparseTar()
    {
        using var memory = new MemoryStream();
        using (var tar = new TarWriter(memory, TarEntryFormat.Gnu, leaveOpen: true))
        {
            tar.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, "sparse.wav") { DataStream = new MemoryStream(Tone(330)) });
        }

        return WithType(memory.ToArray(), 'S');
    }

    /// <summary>A PAX tar whose one entry carries the GNU sparse records <paramref name="sparse"/>, as <c>tar -S --format=pax</c> writes.</summary>
    private static byte[] PaxSparseTar(Dictionary<string, string> sparse)
    {
        using var memory = new MemoryStream();
        using (var tar = new TarWriter(memory, TarEntryFormat.Pax, leaveOpen: true))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "kit/GNUSparseFile.0/sparse.wav", sparse) { DataStream = new MemoryStream(Tone(330)) });
        }

        return memory.ToArray();
    }

    private static byte[] TarWith(params TarEntry[] entries)
    {
        using var memory = new MemoryStream();
        using (var tar = new TarWriter(memory, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                tar.WriteEntry(entry);
            }
        }

        return memory.ToArray();
    }

    private static byte[] UstarWith(TarEntry entry)
    {
        using var memory = new MemoryStream();
        using (var tar = new TarWriter(memory, TarEntryFormat.Ustar, leaveOpen: true))
        {
            tar.WriteEntry(entry);
        }

        return memory.ToArray();
    }

    /// <summary><paramref name="tar"/> with its first header's type flag set to <paramref name="type"/> and its checksum made right again.</summary>
    private static byte[] WithType(byte[] tar, char type)
    {
        tar[156] = (byte)type;
        Array.Fill(tar, (byte)' ', 148, 8);
        var sum = tar.Take(512).Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(tar, 148);
        return tar;
    }

    private static MultipartFormDataContent Form(string fileName) =>
        new() { { new ByteArrayContent(Tone(330)), "files", fileName } };

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
