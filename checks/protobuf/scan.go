package protobuf

import (
	"bytes"
	"unicode/utf8"
)

// This file holds a light scanner that reads a .proto file's package and
// import statements without compiling it. The loader uses it to learn the
// import graph of both sides cheaply, so that it can leave out of the
// compilation every file that is byte-identical on both sides and imports,
// transitively, only such files: no rule can find a change in them.

// header is what the loader needs to know about a file without compiling it.
type header struct {
	// pkg is the declared package, "" when there is none.
	pkg string
	// imports are the imported file names, in source order; public are
	// those imported publicly.
	imports, public []string
	// pkgLine, pkgCol and syntaxLine, syntaxCol are the 1-based positions
	// of the package and syntax (or edition) keywords; zero when absent.
	pkgLine, pkgCol       int
	syntaxLine, syntaxCol int
}

// position returns the position header knows for the file-level source
// path element (filePackage, fileSyntax), or zeros.
func (h *header) position(elem int32) (line, col int) {
	switch elem {
	case filePackage:
		return h.pkgLine, h.pkgCol
	case fileSyntax:
		return h.syntaxLine, h.syntaxCol
	}
	return 0, 0
}

// lineCol returns the 1-based line and column (in bytes, as protocompile
// counts them for ASCII) of offset off in src.
func lineCol(src []byte, off int) (int, int) {
	line := 1 + bytes.Count(src[:off], []byte{'\n'})
	return line, off - (bytes.LastIndexByte(src[:off], '\n') + 1) + 1
}

// scanHeader reads the package and import statements of src. ok is false when
// the source is not well-formed enough to tell (an unterminated comment or
// string, an escape or invalid UTF-8 in an import path, an unbalanced brace, a statement that
// does not parse): the loader then compiles the file, which reports the
// problem with its position.
func scanHeader(src []byte) (h header, ok bool) {
	s := scanner{src: src}
	depth := 0
	atStart := true // at the start of a top-level statement
	for {
		tok, kind := s.next()
		switch kind {
		case tokEOF:
			return h, !s.bad && depth == 0
		case tokBad:
			return h, false
		}
		if kind != tokPunct && depth > 0 {
			continue
		}
		if depth > 0 {
			switch string(tok) {
			case "{":
				depth++
			case "}":
				depth--
				if depth == 0 {
					atStart = true
				}
			}
			continue
		}
		switch {
		case kind != tokPunct:
		case string(tok) == "{":
			depth++
			continue
		case string(tok) == "}":
			return h, false
		case string(tok) == ";":
			atStart = true
			continue
		}
		switch {
		case !atStart:
			continue
		}
		atStart = false
		if kind != tokIdent {
			continue
		}
		switch string(tok) {
		case "syntax", "edition":
			if h.syntaxLine == 0 {
				h.syntaxLine, h.syntaxCol = lineCol(src, s.pos-len(tok))
			}
		case "import":
			p, public, ok := s.importPath()
			if !ok {
				return h, false
			}
			h.imports = append(h.imports, p)
			if public {
				h.public = append(h.public, p)
			}
			atStart = true
		case "package":
			h.pkgLine, h.pkgCol = lineCol(src, s.pos-len(tok))
			p, ok := s.packageName()
			if !ok {
				return h, false
			}
			h.pkg = p
			atStart = true
		}
	}
}

type tokKind int

const (
	tokEOF tokKind = iota
	tokBad
	tokIdent
	tokString
	tokPunct
	tokOther // numbers
)

type scanner struct {
	src []byte
	pos int
	bad bool
	// str holds the value of the last string token, without quotes; esc
	// reports whether it had an escape.
	str []byte
	esc bool
}

// next returns the next token, skipping white space and comments.
func (s *scanner) next() ([]byte, tokKind) {
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			s.pos++
		case c == '/' && s.pos+1 < len(s.src) && s.src[s.pos+1] == '/':
			for s.pos < len(s.src) && s.src[s.pos] != '\n' {
				s.pos++
			}
		case c == '/' && s.pos+1 < len(s.src) && s.src[s.pos+1] == '*':
			end := indexFrom(s.src, s.pos+2, "*/")
			if end < 0 {
				s.bad = true
				return nil, tokBad
			}
			s.pos = end + 2
		case c == '"' || c == '\'':
			return s.string(c)
		case isIdentStart(c):
			start := s.pos
			for s.pos < len(s.src) && isIdentPart(s.src[s.pos]) {
				s.pos++
			}
			return s.src[start:s.pos], tokIdent
		case c >= '0' && c <= '9':
			for s.pos < len(s.src) && (isIdentPart(s.src[s.pos]) || s.src[s.pos] == '.') {
				s.pos++
			}
			return nil, tokOther
		default:
			s.pos++
			return s.src[s.pos-1 : s.pos], tokPunct
		}
	}
	return nil, tokEOF
}

func (s *scanner) string(quote byte) ([]byte, tokKind) {
	s.pos++
	start := s.pos
	s.esc = false
	for s.pos < len(s.src) {
		switch c := s.src[s.pos]; c {
		case '\\':
			s.esc = true
			s.pos += 2
			continue
		case '\n':
			s.bad = true
			return nil, tokBad
		case quote:
			s.str = s.src[start:s.pos]
			s.pos++
			return s.str, tokString
		}
		s.pos++
	}
	s.bad = true
	return nil, tokBad
}

// importPath reads the rest of an import statement: an optional "public" or
// "weak", one or more adjacent strings, and a semicolon.
func (s *scanner) importPath() (path string, public, ok bool) {
	tok, kind := s.next()
	if kind == tokIdent && (string(tok) == "public" || string(tok) == "weak") {
		public = string(tok) == "public"
		tok, kind = s.next()
	}
	for kind == tokString {
		if s.esc || !utf8.Valid(s.str) {
			// The parser decodes escapes and replaces invalid UTF-8;
			// leave both to the compiler rather than guess its result.
			return "", false, false
		}
		path += string(s.str)
		tok, kind = s.next()
	}
	return path, public, path != "" && kind == tokPunct && string(tok) == ";"
}

// packageName reads the rest of a package statement: a dotted name and a
// semicolon.
func (s *scanner) packageName() (string, bool) {
	var name string
	wantIdent := true
	for {
		tok, kind := s.next()
		switch {
		case wantIdent && kind == tokIdent:
			name += string(tok)
		case !wantIdent && string(tok) == ".":
			name += "."
		case !wantIdent && string(tok) == ";":
			return name, true
		default:
			return "", false
		}
		wantIdent = !wantIdent
	}
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isIdentPart(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

func indexFrom(b []byte, from int, sep string) int {
	i := bytes.Index(b[from:], []byte(sep))
	if i < 0 {
		return -1
	}
	return from + i
}
