package org.sharpeyes.common;

public enum DetectionKind {
    PLATE, FACE
}
