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
        let mut name = std::mem::take(&mut self.key_text);
        name.clear();
        k.serialize(KeyName(&mut name))?;
        self.member_key(&name);
        self.key_text = name;
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

/// A map key as serde_json writes it (a string, or a number or bool as its text), written into
/// the encoder's scratch string.
struct KeyName<'a>(&'a mut String);

fn key_error() -> EncError {
    EncError("a map key must be a string, number or bool".into())
}

type KeyRes = Result<(), EncError>;
type No = ser::Impossible<(), EncError>;

impl KeyName<'_> {
    fn show(self, v: impl std::fmt::Display) -> KeyRes {
        use std::fmt::Write;
        write!(self.0, "{v}").map_err(|_| key_error())
    }
}

impl ser::Serializer for KeyName<'_> {
    type Ok = ();
    type Error = EncError;
    type SerializeSeq = No;
    type SerializeTuple = No;
    type SerializeTupleStruct = No;
    type SerializeTupleVariant = No;
    type SerializeMap = No;
    type SerializeStruct = No;
    type SerializeStructVariant = No;

    fn serialize_bool(self, v: bool) -> KeyRes {
        self.show(v)
    }
    fn serialize_i8(self, v: i8) -> KeyRes {
        self.show(v)
    }
    fn serialize_i16(self, v: i16) -> KeyRes {
        self.show(v)
    }
    fn serialize_i32(self, v: i32) -> KeyRes {
        self.show(v)
    }
    fn serialize_i64(self, v: i64) -> KeyRes {
        self.show(v)
    }
    fn serialize_u8(self, v: u8) -> KeyRes {
        self.show(v)
    }
    fn serialize_u16(self, v: u16) -> KeyRes {
        self.show(v)
    }
    fn serialize_u32(self, v: u32) -> KeyRes {
        self.show(v)
    }
    fn serialize_u64(self, v: u64) -> KeyRes {
        self.show(v)
    }
    fn serialize_f32(self, _: f32) -> KeyRes {
        Err(key_error())
    }
    fn serialize_f64(self, _: f64) -> KeyRes {
        Err(key_error())
    }
    fn serialize_char(self, v: char) -> KeyRes {
        self.0.push(v);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> KeyRes {
        self.0.push_str(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> KeyRes {
        Err(key_error())
    }
    fn serialize_none(self) -> KeyRes {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> KeyRes {
        Err(key_error())
    }
    fn serialize_unit(self) -> KeyRes {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _: &'static str) -> KeyRes {
        Err(key_error())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> KeyRes {
        self.0.push_str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> KeyRes {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> KeyRes {
        Err(key_error())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<No, EncError> {
        Err(key_error())
    }
    fn serialize_tuple(self, _: usize) -> Result<No, EncError> {
        Err(key_error())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<No, EncError> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<No, EncError> {
        Err(key_error())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<No, EncError> {
        Err(key_error())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<No, EncError> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<No, EncError> {
        Err(key_error())
    }
}
