package llm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// decodeStrict parses a judge's reply into v, a pointer to a struct whose
// fields are all required: an unknown field, a missing or null field, a
// wrong type or anything after the object is an error. Fields may declare
// an enum with a `enum:"a|b"` tag.
func decodeStrict(content string, v any) error {
	data := bytes.TrimSpace([]byte(content))
	if len(data) == 0 {
		return errors.New("the reply is empty")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("the reply is not the JSON object asked for: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("the reply has text after the JSON object")
	}
	var generic any
	if err := json.Unmarshal(data, &generic); err != nil {
		return fmt.Errorf("the reply is not JSON: %w", err)
	}
	return checkPresent(generic, reflect.TypeOf(v).Elem(), reflect.ValueOf(v).Elem(), "")
}

func checkPresent(doc any, t reflect.Type, val reflect.Value, path string) error {
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := doc.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: expected an object", pathOr(path))
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			if name == "" || name == "-" {
				continue
			}
			sub, ok := obj[name]
			if !ok || sub == nil {
				return fmt.Errorf("%s: missing field %q", pathOr(path), name)
			}
			if enum := f.Tag.Get("enum"); enum != "" {
				s, _ := sub.(string)
				if !contains(strings.Split(enum, "|"), s) {
					return fmt.Errorf("%s.%s: %q is not one of %s", pathOr(path), name, s, strings.ReplaceAll(enum, "|", ", "))
				}
			}
			if err := checkPresent(sub, f.Type, val.Field(i), path+"."+name); err != nil {
				return err
			}
		}
	case reflect.Slice:
		arr, ok := doc.([]any)
		if !ok {
			return fmt.Errorf("%s: expected an array", pathOr(path))
		}
		for i, el := range arr {
			if err := checkPresent(el, t.Elem(), val.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

func pathOr(p string) string {
	if p == "" {
		return "the reply"
	}
	return strings.TrimPrefix(p, ".")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
