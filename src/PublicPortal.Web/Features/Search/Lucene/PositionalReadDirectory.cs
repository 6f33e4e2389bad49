using Lucene.Net.Store;

namespace PublicPortal.Web.Features.Search;

/// <summary>
/// NIOFSDirectory (MMapDirectory crashes on Linux in this version) with its reads done by <see cref="RandomAccess"/>:
/// Lucene.Net's NIO read path copies through a ByteBuffer under a lock and measured as half of a broad query's time.
/// Positional reads (pread) on one shared handle need no lock; clones and compound-file slices share the handle.
/// </summary>
internal sealed class PositionalReadDirectory(DirectoryInfo path) : NIOFSDirectory(path)
{
    private const int ReadSize = 4096;

    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var handle = File.OpenHandle(Path.Combine(Directory.FullName, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new PositionalIndexInput($"PositionalIndexInput(path=\"{name}\")", handle, 0, RandomAccess.GetLength(handle), owner: true);
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        return new Slicer(File.OpenHandle(Path.Combine(Directory.FullName, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), name);
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
}
