package org.nsbed.provisioner.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * "To run OSID X on a node of type T, load image I" (the reference's {@code osidtoimageid}). One
 * row per (OSID, node type); it is derived from the images' partitions and node types and is the
 * only OS-to-image mapping used when nodes are loaded.
 */
@Entity
@Table(name = "osid_images")
@IdClass(OsidImage.Key.class)
public class OsidImage {

  /** The OS. */
  @Id
  @ManyToOne(optional = false)
  @JoinColumn(name = "osid")
  private Osid osid;

  /** The node type. */
  @Id
  @ManyToOne(optional = false)
  @JoinColumn(name = "node_type")
  private NodeType nodeType;

  /** The image that provides the OS on that type. */
  @ManyToOne(optional = false)
  @JoinColumn(name = "image_id")
  private ImageId image;

  /** Primary key of {@link OsidImage}. */
  public static class Key implements Serializable {
    private Long osid;
    private String nodeType;

    public Key() {}

    public Key(Long osid, String nodeType) {
      this.osid = osid;
      this.nodeType = nodeType;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(osid, k.osid) && Objects.equals(nodeType, k.nodeType);
    }

    @Override
    public int hashCode() {
      return Objects.hash(osid, nodeType);
    }
  }

  protected OsidImage() {}

  public OsidImage(Osid osid, NodeType nodeType, ImageId image) {
    this.osid = osid;
    this.nodeType = nodeType;
    this.image = image;
  }

  public Osid osid() {
    return osid;
  }

  public NodeType nodeType() {
    return nodeType;
  }

  public ImageId image() {
    return image;
  }

  public void setImage(ImageId image) {
    this.image = image;
  }
}
