using Lucene.Net.Store;

namespace PublicPortal.Web.Features.Search;

/// <summary>
/// NIOFSDirectory (MMapDirectory crashes on Linux in this version) with its reads done by <see cref="RandomAccess"/>:
/// Lucene.Net's NIO read path copies through a ByteBuffer under a lock and measured as half of a broad query's time.
/// Positional reads (pread) on one shared handle need no lock; clones and compound-file slices share the handle.
/// What searches walk (terms, postings, positions, norms, doc values) is read whole into memory when opened for
/// searching: Lucene files never change once written, and a broad query's refills (a read call, and a fresh buffer
/// for every clone) were then a third of its time. Stored fields are read a few items per query and stay on disk, as
/// does everything opened for merging.
/// </summary>
internal sealed class PositionalReadDirectory(DirectoryInfo path) : NIOFSDirectory(path)
{
    private const int ReadSize = 4096;

    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var handle = File.OpenHandle(Path.Combine(Directory.FullName, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = RandomAccess.GetLength(handle);
        if (InMemory(name, context, length))
        {
            using (handle) return new ArrayIndexInput($"ArrayIndexInput(path=\"{name}\")", ReadAll(handle, 0, (int)length), 0, (int)length);
        }
        return new PositionalIndexInput($"PositionalIndexInput(path=\"{name}\")", handle, 0, length, owner: true);
    }

    // Files read once (checksums) or for a merge are read in passing. Compound files hold a small segment's every file,
    // stored fields included: they are taken whole (CreateSlicer), as they are small.
    private static bool ForSearching(IOContext context, long length) =>
        context.Context != IOContext.UsageContext.MERGE && !context.ReadOnce && length <= MaxInMemoryFile;

    private static bool InMemory(string name, IOContext context, long length) =>
        ForSearching(context, length) && !name.EndsWith(".fdt", StringComparison.Ordinal) && !name.EndsWith(".fdx", StringComparison.Ordinal);

    private const long MaxInMemoryFile = 1L << 30;

    private static byte[] ReadAll(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, int length)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(length);
        var span = bytes.AsSpan();
        while (span.Length > 0)
        {
            var read = RandomAccess.Read(handle, span, offset + (length - span.Length));
            if (read <= 0) throw new EndOfStreamException($"read past EOF: {offset + length - span.Length}");
            span = span[read..];
        }
        return bytes;
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        var handle = File.OpenHandle(Path.Combine(Directory.FullName, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = RandomAccess.GetLength(handle);
        if (ForSearching(context, length))
        {
            using (handle) return new ArraySlicer(ReadAll(handle, 0, (int)length), name);
        }
        return new Slicer(handle, name);
    }

    private sealed class ArraySlicer(byte[] bytes, string name) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length) =>
            offset < 0 || length < 0 || offset + length > bytes.Length
                ? throw new EndOfStreamException($"slice {sliceDescription} out of bounds in \"{name}\"")
                : new ArrayIndexInput($"ArrayIndexInput({sliceDescription} in \"{name}\")", bytes, (int)offset, (int)length);

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => OpenSlice("full-slice", 0, bytes.Length);

        protected override void Dispose(bool disposing)
        {
        }
    }

    private sealed class Slicer(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string name) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length) =>
            new PositionalIndexInput($"PositionalIndexInput({sliceDescription} in \"{name}\")", handle, offset, length, owner: false);

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => OpenSlice("full-slice", 0, RandomAccess.GetLength(handle));

        protected override void Dispose(bool disposing)
        {
            if (disposing) handle.Dispose();
        }
    }

    private sealed class PositionalIndexInput(string description, Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, long length, bool owner)
        : BufferedIndexInput(description, ReadSize)
    {
        private bool _owner = owner;

        public override long Length => length;

        protected override void ReadInternal(byte[] b, int offset1, int len)
        {
            var position = Position;
            if (position + len > length) throw new EndOfStreamException($"read past EOF: {this}");
            var span = b.AsSpan(offset1, len);
            while (span.Length > 0)
            {
                var read = RandomAccess.Read(handle, span, offset + position);
                if (read <= 0) throw new EndOfStreamException($"read past EOF: {this}");
                span = span[read..];
                position += read;
            }
        }

        protected override void SeekInternal(long pos)
        {
        }

        public override object Clone()
        {
            var clone = (PositionalIndexInput)base.Clone();
            clone._owner = false; // clones share the handle and never close it
            return clone;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _owner) handle.Dispose();
        }
    }

    /// <summary>A file (or a compound file's slice) held in memory: clones share the bytes and keep only a position.</summary>
    private sealed class ArrayIndexInput(string description, byte[] bytes, int start, int length) : IndexInput(description)
    {
        private int _position;

        public override long Length => length;

        public override long Position => _position;

        public override byte ReadByte()
        {
            if (_position >= length) throw new EndOfStreamException($"read past EOF: {this}");
            return bytes[start + _position++];
        }

        public override void ReadBytes(byte[] b, int offset, int len)
        {
            if (len > length - _position) throw new EndOfStreamException($"read past EOF: {this}");
            Buffer.BlockCopy(bytes, start + _position, b, offset, len);
            _position += len;
        }

        public override short ReadInt16() => System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(Take(2));

        public override int ReadInt32() => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(Take(4));

        public override long ReadInt64() => System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(Take(8));

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > length - _position) throw new EndOfStreamException($"read past EOF: {this}");
            var span = bytes.AsSpan(start + _position, count);
            _position += count;
            return span;
        }

        public override void Seek(long pos)
        {
            if (pos < 0 || pos > length) throw new EndOfStreamException($"seek past EOF: {this}");
            _position = (int)pos;
        }

        public override object Clone() => new ArrayIndexInput(ToString()!, bytes, start, length) { _position = _position };

        protected override void Dispose(bool disposing)
        {
        }
    }
}
