import type { ProductCardRow } from '../../../../domain/products';
import { formatClp } from '../../../../lib/money';
import { Picture } from '../../../../ui/picture';

export function excerpt(text: string | null, max = 80): string {
  const value = (text ?? '').trim() || 'Kit esencial para manualidades creativas.';
  return value.length > max ? `${value.slice(0, max - 1).trimEnd()}…` : value;
}

/** A kit in a grid; `eager` for the first card of a page, which is above the fold. */
export function ProductCard({ product, eager = false }: { product: ProductCardRow; eager?: boolean }) {
  return (
    <article class="card">
      {/* Decorative: the kit's name is the heading right below it. */}
      <Picture class="card-img" name={product.imagePath} alt="" layout="card" eager={eager} />
      <div class="card-body">
        <h3>
          <a href={`/productos/${product.id}/`} data-test={`producto-link-${product.id}`}>
            {product.name}
          </a>
        </h3>
        <p class="meta">{excerpt(product.description)}</p>
        <p>
          <span class="price">{formatClp(product.priceClp)}</span>
          {product.stock <= 0 && <span class="seats seats-none"> · Sin stock</span>}
        </p>
        <div class="card-actions">
          <a class="button button-small button-secondary" href={`/productos/${product.id}/`}>
            Ver detalles
          </a>
        </div>
      </div>
    </article>
  );
}
