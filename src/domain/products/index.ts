// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export type { ApiProduct } from './products.api.queries';
export { findApiProduct, listApiProducts } from './products.api.queries';
export { productStockCheck } from './products.consistency';
export type { LowStockRow, ProductCardRow, ProductDetail } from './products.queries';
export {
  findProductDetail,
  listCatalogueCategories,
  listFeaturedProducts,
  listLowStockProducts,
  searchCatalogue,
} from './products.queries';
export type { ProductFilters, ProductListRow } from './products-admin.queries';
export {
  countProducts,
  countSaleLinesOf,
  findProductRecord,
  listProducts,
  PRODUCT_SORTS,
} from './products-admin.queries';
export type { ProductInput } from './products-admin.service';
export {
  createProductByStaff,
  deleteProductByStaff,
  setProductImage,
  setProductsAvailability,
  updateProductByStaff,
} from './products-admin.service';
