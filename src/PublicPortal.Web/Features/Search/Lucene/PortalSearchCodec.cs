namespace PublicPortal.Web.Features.Search;

/// <summary>
/// The default Lucene 4.6 format with stored fields compressed in 4 KB chunks instead of 16 KB: showing a hit decompresses
/// its chunk up to the item, and with 16 KB chunks that was a fifth of a search's time.
/// </summary>
[Lucene.Net.Codecs.CodecName("PortalSearch")]
internal sealed class PortalSearchCodec() : Lucene.Net.Codecs.FilterCodec(new Lucene.Net.Codecs.Lucene46.Lucene46Codec())
{
    private readonly Lucene.Net.Codecs.StoredFieldsFormat _storedFields =
        new Lucene.Net.Codecs.Compressing.CompressingStoredFieldsFormat("PortalStoredFields", Lucene.Net.Codecs.Compressing.CompressionMode.FAST, 4096);

    public override Lucene.Net.Codecs.StoredFieldsFormat StoredFieldsFormat => _storedFields;
}
