using System.Buffers;
using System.Runtime.InteropServices;
using SampleMind.Audio.Interop;

namespace SampleMind.Audio.Decoding;

/// <summary>
/// A file's bytes already in memory, read by libsndfile through its virtual I/O callbacks instead of system calls:
/// the bytes are pinned and a small native cursor (address, length, position) is the callbacks' user data, both held
/// until <see cref="Dispose"/>, which must come after the SNDFILE is closed.
/// </summary>
internal sealed unsafe class MemoryFile : IDisposable
{
    private const int SeekSet = 0;
    private const int SeekCur = 1;
    private const int SeekEnd = 2;

    private static readonly SfVirtualIo s_io = new()
    {
        GetFileLength = &GetFileLength,
        Seek = &Seek,
        Read = &Read,
        Write = &Write,
        Tell = &Tell,
    };

    private MemoryHandle _pin;
    private Cursor* _cursor;

    public MemoryFile(ReadOnlyMemory<byte> contents)
    {
        _pin = contents.Pin();
        _cursor = (Cursor*)NativeMemory.Alloc((nuint)sizeof(Cursor));
        *_cursor = new Cursor { Data = (byte*)_pin.Pointer, Length = contents.Length, Position = 0 };
    }

    /// <summary>sf_open_virtual over these bytes, for reading.</summary>
    public SndFileHandle Open(ref SfInfo info)
    {
        ObjectDisposedException.ThrowIf(_cursor is null, this);
        var io = s_io;
        return SndFile.OpenVirtual(&io, SndFile.ModeRead, ref info, _cursor);
    }

    public void Dispose()
    {
        if (_cursor is not null)
        {
            NativeMemory.Free(_cursor);
            _cursor = null;
            _pin.Dispose();
        }
    }

    [UnmanagedCallersOnly]
    private static long GetFileLength(void* user) => ((Cursor*)user)->Length;

    [UnmanagedCallersOnly]
    private static long Seek(long offset, int whence, void* user)
    {
        var cursor = (Cursor*)user;
        var target = whence switch
        {
            SeekSet => offset,
            SeekCur => cursor->Position + offset,
            SeekEnd => cursor->Length + offset,
            _ => -1,
        };
        if (target < 0)
        {
            return -1;
        }

        cursor->Position = target;
        return target;
    }

    [UnmanagedCallersOnly]
    private static long Read(void* destination, long count, void* user)
    {
        var cursor = (Cursor*)user;
        var available = Math.Max(0, cursor->Length - cursor->Position);
        var read = Math.Min(Math.Max(0, count), available);
        if (read > 0)
        {
            Buffer.MemoryCopy(cursor->Data + cursor->Position, destination, read, read);
            cursor->Position += read;
        }

        return read;
    }

    [UnmanagedCallersOnly]
    private static long Write(void* source, long count, void* user) => 0;

    [UnmanagedCallersOnly]
    private static long Tell(void* user) => ((Cursor*)user)->Position;

    private struct Cursor
    {
        public byte* Data;
        public long Length;
        public long Position;
    }
}
