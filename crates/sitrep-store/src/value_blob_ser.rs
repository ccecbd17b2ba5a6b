//! The serde `Serializer` side of the compact JSON blob (`value_blob`): how each serde data-model
//! item becomes a value of the blob through `Enc`'s writers, and map keys (`KeyName`) as
//! serde_json writes them.

use super::*;
use serde::ser::{self, Serialize};

type Res = Result<(), EncError>;

impl<'a, 't> ser::Serializer for &'a mut Enc<'t> {
    type Ok = ();
    type Error = EncError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Res {
        self.no_member();
        self.out.push(if v { V_TRUE } else { V_FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Res {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Res {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Res {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Res {
        if v >= 0 {
            self.uint(v as u64);
        } else {
            self.no_member();
            self.out.push(V_NEG);
            // -1 → 0, -2 → 1, …, i64::MIN → 2^63 - 1.
            put_uv(&mut self.out, !(v as u64));
        }
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Res {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Res {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Res {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Res {
        self.uint(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Res {
        self.no_member();
        self.out.push(V_F32);
        self.out.extend_from_slice(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Res {
        self.no_member();
        self.out.push(V_F64);
        self.out.extend_from_slice(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Res {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Res {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Res {
        // As serde_json: an array of numbers.
        self.open(false);
        for b in v {
            self.uint(u64::from(*b));
        }
        self.close_array();
        Ok(())
    }
    fn serialize_none(self) -> Res {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Res {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Res {
        self.no_member();
        self.out.push(V_NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Res {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Res {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Res {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Res {
        self.open(true);
        self.member_field(variant);
        v.serialize(&mut *self)?;
        self.close_object();
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, EncError> {
        self.open(false);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, EncError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, EncError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, EncError> {
        self.open(true);
        self.member_field(variant);
        self.open(false);
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, EncError> {
        self.open(true);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, EncError> {
        self.open(true);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, EncError> {
        self.open(true);
        self.member_field(variant);
        self.open(true);
        Ok(self)
    }
}

impl<'a, 't> ser::SerializeSeq for &'a mut Enc<'t> {
    type Ok = ();
    type Error = EncError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
        v.serialize(&mut **self)
    }
    fn end(self) -> Res {
        self.close_array();
        Ok(())
    }
}

impl<'a, 't> ser::SerializeTuple for &'a mut Enc<'t> {
    type Ok = ();
    type Error = EncError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
        v.serialize(&mut **self)
    }
    fn end(self) -> Res {
        self.close_array();
        Ok(())
    }
}

impl<'a, 't> ser::SerializeTupleStruct for &'a mut Enc<'t> {
    type Ok = ();
    type Error = EncError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
        v.serialize(&mut **self)
    }
    fn end(self) -> Res {
        self.close_array();
        Ok(())
    }
}

impl<'a, 't> ser::SerializeTupleVariant for &'a mut Enc<'t> {
    type Ok = ();
    type Error = EncError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
        v.serialize(&mut **self)
    }
    fn end(self) -> Res {
        self.close_array();
        self.close_object();
        Ok(())
    }
}

impl<'a, 't> ser::SerializeMap for &'a mut Enc<'t> {
    type Ok = ();
    type Error = EncError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Res {
        let k = k.serialize(KeyName)?;
        self.member_key(&k);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Res {
        v.serialize(&mut **self)
    }
    fn end(self) -> Res {
        self.close_object();
        Ok(())
    }
}

impl<'a, 't> ser::SerializeStruct for &'a mut Enc<'t> {
    type Ok = ();
    type Error = EncError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, k: &'static str, v: &T) -> Res {
        self.member_field(k);
        v.serialize(&mut **self)
    }
    fn end(self) -> Res {
        self.close_object();
        Ok(())
    }
}

impl<'a, 't> ser::SerializeStructVariant for &'a mut Enc<'t> {
    type Ok = ();
    type Error = EncError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, k: &'static str, v: &T) -> Res {
        self.member_field(k);
        v.serialize(&mut **self)
    }
    fn end(self) -> Res {
        self.close_object();
        self.close_object();
        Ok(())
    }
}

/// A map key as serde_json writes it: a string, or a number or bool as its text.
struct KeyName;

fn key_error() -> EncError {
    EncError("a map key must be a string, number or bool".into())
}

impl ser::Serializer for KeyName {
    type Ok = String;
    type Error = EncError;
    type SerializeSeq = ser::Impossible<String, EncError>;
    type SerializeTuple = ser::Impossible<String, EncError>;
    type SerializeTupleStruct = ser::Impossible<String, EncError>;
    type SerializeTupleVariant = ser::Impossible<String, EncError>;
    type SerializeMap = ser::Impossible<String, EncError>;
    type SerializeStruct = ser::Impossible<String, EncError>;
    type SerializeStructVariant = ser::Impossible<String, EncError>;

    fn serialize_bool(self, v: bool) -> Result<String, EncError> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String, EncError> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String, EncError> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, EncError> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, EncError> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String, EncError> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String, EncError> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, EncError> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, EncError> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, _: f32) -> Result<String, EncError> {
        Err(key_error())
    }
    fn serialize_f64(self, _: f64) -> Result<String, EncError> {
        Err(key_error())
    }
    fn serialize_char(self, v: char) -> Result<String, EncError> {
        Ok(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<String, EncError> {
        Ok(v.to_string())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, EncError> {
        Err(key_error())
    }
    fn serialize_none(self) -> Result<String, EncError> {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<String, EncError> {
        Err(key_error())
    }
    fn serialize_unit(self) -> Result<String, EncError> {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, EncError> {
        Err(key_error())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, EncError> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<String, EncError> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, EncError> {
        Err(key_error())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, EncError> {
        Err(key_error())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, EncError> {
        Err(key_error())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, EncError> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, EncError> {
        Err(key_error())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, EncError> {
        Err(key_error())
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, EncError> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, EncError> {
        Err(key_error())
    }
}
