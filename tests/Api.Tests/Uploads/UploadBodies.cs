using System.Formats.Tar;
using System.IO.Compression;
using System.Net.Http.Headers;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Uploads;

/// <summary>Upload bodies for the ingest tests: a short tone, and zips, tars and gzip streams of named files.</summary>
internal static class UploadBodies
{
    /// <summary>Half a second of a sine as WAV bytes.</summary>
    public static byte[] Tone(double frequency)
    {
        var path = Path.GetTempFileName();
        WavWriter.Sine(path, frequency, 0.5);
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    public static byte[] Zip(params (string Name, byte[] Bytes)[] entries) => Zip(CompressionLevel.Optimal, entries);

    public static byte[] Zip(CompressionLevel level, params (string Name, byte[] Bytes)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = zip.CreateEntry(name, level).Open();
                stream.Write(bytes);
            }
        }

        return memory.ToArray();
    }

    public static byte[] Tar(params (string Name, byte[] Bytes)[] entries)
    {
        using var memory = new MemoryStream();
        using (var tar = new TarWriter(memory, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
            }
        }

        return memory.ToArray();
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return memory.ToArray();
    }

    public static ByteArrayContent Content(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }
}
